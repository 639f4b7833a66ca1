package io.homegrid.cep.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import com.espertech.esper.common.client.EPCompiled;

import io.homegrid.cep.InvalidStatementException;

/**
 * The second line behind {@link ClassAllowList}: the byte code Esper generated for a module may
 * call into Esper, our event class, the module's own classes and a fixed set of JDK value and
 * collection classes, nothing else. This also catches what no class name in the EPL gives away:
 * instance methods on values (say {@code gateway.getClass().forName(…)}), since every call ends
 * up as a reference in a constant pool. The JDK set is what Esper's generated code was seen to
 * use for homegrid's statements and the EPL features tested, plus value types.
 */
final class GeneratedCodeCheck {

    private static final Set<String> PREFIXES = Set.of("com/espertech/esper/", "generated/");
    private static final Set<String> OWNERS = Set.of(SensorEvent.class.getName().replace('.', '/'),
            "java/lang/Object", "java/lang/String", "java/lang/StringBuilder", "java/lang/CharSequence",
            "java/lang/Boolean", "java/lang/Byte", "java/lang/Short", "java/lang/Character", "java/lang/Integer",
            "java/lang/Long", "java/lang/Float", "java/lang/Double", "java/lang/Number", "java/lang/Math",
            "java/lang/Iterable", "java/lang/Comparable", "java/lang/Enum", "java/lang/Throwable",
            "java/lang/RuntimeException", "java/lang/UnsupportedOperationException",
            "java/lang/IllegalStateException", "java/lang/IllegalArgumentException",
            "java/util/Collection", "java/util/Collections", "java/util/List", "java/util/ArrayList",
            "java/util/LinkedList", "java/util/Map", "java/util/Map$Entry", "java/util/HashMap",
            "java/util/LinkedHashMap", "java/util/TreeMap", "java/util/SortedMap", "java/util/NavigableMap",
            "java/util/Set", "java/util/HashSet", "java/util/LinkedHashSet", "java/util/SortedSet",
            "java/util/TreeSet", "java/util/Iterator", "java/util/Deque", "java/util/ArrayDeque",
            "java/util/Arrays", "java/util/Objects", "java/util/Optional", "java/util/Comparator",
            "java/util/Calendar", "java/util/Date", "java/util/regex/Pattern", "java/util/regex/Matcher",
            "java/util/concurrent/atomic/AtomicLong", "java/util/concurrent/atomic/AtomicInteger",
            "java/math/BigDecimal", "java/math/BigInteger", "java/math/MathContext", "java/math/RoundingMode");
    /**
     * Members of allowed owners that are not values: system properties read through the boxed
     * types, and {@code wait}, which would stall the household's thread.
     */
    private static final Map<String, Set<String>> DENIED = Map.of("java/lang/Integer", Set.of("getInteger"),
            "java/lang/Long", Set.of("getLong"), "java/lang/Boolean", Set.of("getBoolean"),
            "java/lang/Object", Set.of("wait", "notify", "notifyAll"));
    /** Esper's generated code names a value's class in its error messages; nothing else of a Class is reachable. */
    private static final String CLASS = "java/lang/Class";
    private static final Set<String> CLASS_MEMBERS = Set.of("getName", "getSimpleName");

    private GeneratedCodeCheck() {
    }

    /** @throws InvalidStatementException naming the first member that is not allowed */
    static void check(EPCompiled compiled) throws InvalidStatementException {
        for (Map.Entry<String, byte[]> generated : compiled.getClasses().entrySet()) {
            try {
                for (ClassFileReferences.Member member : ClassFileReferences.of(generated.getValue())) {
                    if (!allows(member)) {
                        throw new InvalidStatementException(member + " is not allowed in a statement");
                    }
                }
            } catch (IOException e) {
                // Esper's own output that cannot be read is not deployed unread.
                throw new InvalidStatementException("the code compiled for the statement cannot be checked ("
                        + generated.getKey() + ": " + e.getMessage() + ")");
            }
        }
    }

    static boolean allows(ClassFileReferences.Member member) {
        String owner = member.owner();
        if (PREFIXES.stream().anyMatch(owner::startsWith)) {
            return true;
        }
        if (owner.equals(CLASS)) {
            return CLASS_MEMBERS.contains(member.name());
        }
        return OWNERS.contains(owner) && !DENIED.getOrDefault(owner, Set.of()).contains(member.name());
    }
}
