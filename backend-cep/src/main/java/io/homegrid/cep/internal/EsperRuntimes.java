package io.homegrid.cep.internal;

import java.util.UUID;

import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.common.client.util.ClassForNameProvider;
import com.espertech.esper.common.client.util.ClassLoaderProvider;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;

import io.homegrid.cep.CepSettings;
import io.homegrid.model.SensorKind;

/**
 * The Esper configuration of an engine's runtimes (streams, variables, class loading), and the
 * runtimes made from it. Esper keeps runtimes by URI for the whole JVM, so every engine names its
 * own under a prefix of its own. The compiler has a configuration of its own, made by the same
 * code so that streams and variables agree: it compiles EPL written by household admins, so it
 * resolves only the classes {@link ClassAllowList} names and compiles neither scripts nor
 * inlined classes.
 */
public final class EsperRuntimes {

    private final Configuration configuration;
    private final Configuration compilerConfiguration;
    private final ClassAllowList allowList = new ClassAllowList(EsperRuntimes.class.getClassLoader());
    private final String prefix = "homegrid-cep-" + UUID.randomUUID() + "-";

    public EsperRuntimes(CepSettings settings) {
        this.configuration = configuration(settings);
        this.compilerConfiguration = compilerConfiguration(settings, allowList);
    }

    public Configuration configuration() {
        return configuration;
    }

    /** What statements are compiled with; the runtimes keep {@link #configuration()}. */
    Configuration compilerConfiguration() {
        return compilerConfiguration;
    }

    ClassAllowList allowList() {
        return allowList;
    }

    /** The runtime statements are compiled against; created on first use. */
    public EPRuntime reference() {
        return EPRuntimeProvider.getRuntime(prefix + "reference", configuration);
    }

    /**
     * The gateway's household runtime, created on first use; named apart from the reference
     * runtime, since "reference" is a valid gateway identifier too.
     */
    public EPRuntime household(String gateway) {
        return EPRuntimeProvider.getRuntime(prefix + "household-" + gateway, configuration);
    }

    private static Configuration configuration(CepSettings settings) {
        Configuration configuration = new Configuration();
        for (SensorKind kind : SensorKind.values()) {
            configuration.getCommon().addEventType(Household.streamOf(kind.id()), SensorEvent.class);
        }
        // Constant: the settings change only with a restart, and no statement may assign them.
        configuration.getCommon().addVariable("switchThreshold", double.class, settings.switchThreshold(), true);
        configuration.getCommon().addVariable("peakLimit", double.class, settings.peakLimit(), true);
        configuration.getCommon().addVariable("cycleHours", int.class, settings.cycleHours(), true);
        configuration.getCommon().addVariable("minTemperature", double.class, settings.minTemperature(), true);
        // Time is event time: households' clocks are advanced from their readings, never by Esper.
        configuration.getRuntime().getThreading().setInternalTimerEnabled(false);
        // Esper generates and loads classes for every statement: in OSGi they must see this
        // bundle's event class, so Esper uses this bundle's class loader, not the thread's.
        ClassLoader loader = EsperRuntimes.class.getClassLoader();
        configuration.getCommon().getTransientConfiguration().put(ClassLoaderProvider.NAME,
                (ClassLoaderProvider) () -> loader);
        configuration.getCommon().getTransientConfiguration().put(ClassForNameProvider.NAME,
                (ClassForNameProvider) name -> Class.forName(name, true, loader));
        return configuration;
    }

    private static Configuration compilerConfiguration(CepSettings settings, ClassAllowList allowList) {
        Configuration configuration = configuration(settings);
        configuration.getCompiler().getScripts().setEnabled(false);
        configuration.getCompiler().getByteCode().setAllowInlinedClass(false);
        configuration.getCommon().getTransientConfiguration().put(ClassForNameProvider.NAME, allowList);
        return configuration;
    }
}
