package io.homegrid.cep.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.espertech.esper.common.client.util.ClassForNameProvider;

/**
 * The classes EPL may name, as the compiler's {@link ClassForNameProvider}: every class name
 * a statement writes (static calls, {@code new}, casts, schemas, annotations) is resolved
 * here, so a class left off this list cannot be reached by name. Esper probes names
 * speculatively (through its imports: {@code java.lang.name}, {@code Math} before
 * {@code java.lang.Math}); a probe for a class that does not exist fails as before, one for a
 * class that exists but is not allowed is remembered, so that a failing compilation can say
 * what was refused. Not thread-safe: the compiler clears and reads it around each compilation.
 */
final class ClassAllowList implements ClassForNameProvider {

    /** Values and arithmetic only: nothing here reaches files, processes, the network or the JVM. */
    private static final Set<String> CLASSES = Set.of(SensorEvent.class.getName(), "java.lang.Math",
            "java.lang.String", "java.lang.Double", "java.lang.Float", "java.lang.Long", "java.lang.Integer",
            "java.lang.Short", "java.lang.Byte", "java.lang.Boolean", "java.lang.Character",
            "java.math.BigDecimal", "java.math.BigInteger");
    /** Esper's own annotations ({@code @Name}, {@code @Priority}, {@code @Hint}, …) carry no code. */
    private static final String ANNOTATIONS = "com.espertech.esper.common.client.annotation.";

    private final ClassLoader loader;
    private final Set<String> refused = new LinkedHashSet<>();

    ClassAllowList(ClassLoader loader) {
        this.loader = loader;
    }

    static boolean allows(String name) {
        return CLASSES.contains(name) || name.startsWith(ANNOTATIONS) && name.indexOf('.', ANNOTATIONS.length()) < 0;
    }

    @Override
    public Class<?> classForName(String name) throws ClassNotFoundException {
        if (allows(name)) {
            return Class.forName(name, true, loader);
        }
        // Loaded without initialising only to tell a real class from one of Esper's guesses.
        Class.forName(name, false, loader);
        refused.add(name);
        throw new ClassNotFoundException(name + " is not allowed in a statement");
    }

    /** The existing classes refused since the last {@link #clear()}, in the order asked. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    void clear() {
        refused.clear();
    }
}
