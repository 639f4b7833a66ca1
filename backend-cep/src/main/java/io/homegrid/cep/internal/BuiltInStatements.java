package io.homegrid.cep.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.runtime.client.EPDeployException;

import io.homegrid.cep.InvalidStatementException;
import io.homegrid.cep.StatementInfo;
import io.homegrid.cep.VirtualDeviceGroups;

/**
 * The statements that come with homegrid, kept as one EPL module ({@code default-statements.epl})
 * so that they read as one file and share their schemas. Compiled once at start, then deployed on
 * every household; only its named statements are listened to, not its schemas.
 */
public final class BuiltInStatements {

    private static final String RESOURCE = "/io/homegrid/cep/default-statements.epl";
    private static final Pattern NAME = Pattern.compile("@name\\('([^']+)'\\)");

    private final String module;
    private final Set<String> names;
    private EPCompiled compiled;

    BuiltInStatements(String module) {
        this.module = module;
        this.names = namesIn(module);
    }

    public static BuiltInStatements read() {
        try (InputStream in = BuiltInStatements.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not packaged");
            }
            return new BuiltInStatements(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles the module and makes its public schemas visible to statements added later. */
    public void compile(StatementCompiler compiler) {
        try {
            compiled = compiler.compileShared(module);
        } catch (EPDeployException | InvalidStatementException e) {
            throw new IllegalStateException("the built-in CEP statements do not compile", e);
        }
    }

    /**
     * @param groups      the household's virtual devices, whose totals the engine adds after each minute
     * @param communities where the household's minutes count towards its communities' residual load;
     *                    null for an isolated replay's runtime, which counts in none
     */
    public void deployTo(Household household, VirtualDeviceGroups groups, CommunityMinutes communities,
            LongSupplier wallClock) {
        try {
            String deployment = household.deploy(compiled, names);
            household.listen(deployment, VirtualDeviceTotals.STATEMENT,
                    new VirtualDeviceTotals(() -> groups.of(household.gateway())));
            if (communities != null) {
                household.listen(deployment, "device-power-1m", communities.listener(CommunityMinutes.Part.DEMAND,
                        wallClock));
                household.listen(deployment, "device-generation-1m",
                        communities.listener(CommunityMinutes.Part.GENERATION, wallClock));
                household.listen(deployment, "device-battery-1m", communities.listener(CommunityMinutes.Part.BATTERY,
                        wallClock));
            }
        } catch (EPDeployException e) {
            throw new IllegalStateException("cannot deploy the built-in statements for " + household.gateway(), e);
        }
    }

    public boolean contains(String name) {
        return names.contains(name);
    }

    public int size() {
        return names.size();
    }

    /** Each named statement with its own text, from its {@code @name} to its semicolon. */
    public List<StatementInfo> infos() {
        return names.stream().map(name -> new StatementInfo(name, epl(name), true, null)).toList();
    }

    private String epl(String name) {
        int at = module.indexOf("@name('" + name + "')");
        return at < 0 ? "" : module.substring(at, module.indexOf(';', at) + 1).strip();
    }

    private static Set<String> namesIn(String module) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = NAME.matcher(module);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
