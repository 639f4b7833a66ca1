package io.homegrid.cep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.common.client.util.ClassForNameProvider;
import com.espertech.esper.common.client.util.ClassLoaderProvider;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import com.espertech.esper.runtime.client.EPUndeployException;

import io.homegrid.cep.internal.Household;
import io.homegrid.cep.internal.SensorEvent;
import io.homegrid.model.CepOutput;
import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.SensorKind;

/**
 * Esper on event time, one runtime per household. Readings go into one stream per sensor kind
 * ({@code PowerReading}, {@code TemperatureReading}, …). Each household's clock is advanced from
 * its own readings' timestamps, never from the wall clock while readings flow, so replayed or
 * late data gives the same results as live data: readings are held up to
 * {@link CepSettings#lateness()} to be put in order, and a reading older than that behind the
 * household's newest is dropped and counted. A runtime per household also means a gateway with
 * a wrong clock disturbs nobody else, and households can be spread over backend instances by
 * the message groups that already key them. Statements therefore see one household at a time.
 * Statement outputs go to the sink, which must not block.
 */
public final class CepEngine implements StatementAdmin, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CepEngine.class);
    private static final String DEFAULTS = "default-statements.epl";
    private static final Set<String> AGGREGATES = Set.of("device-power-1m", "household-power-1m");
    private static final Set<String> TIME_PROPERTIES = Set.of("minuteStart", "time", "since");

    private final CepSettings settings;
    private final Consumer<CepOutput> sink;
    private final StatementStore store;
    private final Clock clock;
    private final Configuration configuration;
    /** Esper keeps runtimes by URI for the whole JVM: every engine names its own. */
    private final String prefix = "homegrid-cep-" + UUID.randomUUID() + "-";
    /** Compiles against this runtime's path, and never sees a reading. */
    private final EPRuntime reference;
    private final String defaultsModule = read(DEFAULTS);
    private final Set<String> builtInNames = namesIn(defaultsModule);
    private final Map<String, Household> households = new HashMap<>();
    private final Map<String, Added> added = new LinkedHashMap<>();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private EPCompiled defaults;

    public CepEngine(CepSettings settings, Consumer<CepOutput> sink, StatementStore store, Clock clock) {
        this.settings = settings;
        this.sink = sink;
        this.store = store;
        this.clock = clock;
        this.configuration = configuration(settings);
        this.reference = EPRuntimeProvider.getRuntime(prefix + "reference", configuration);
    }

    /** Compiles the built-in statements and restores those added before the last stop. */
    public synchronized void start() {
        try {
            defaults = compile(defaultsModule);
            reference.getDeploymentService().deploy(defaults);
        } catch (EPDeployException | InvalidStatementException e) {
            throw new IllegalStateException("the built-in CEP statements do not compile", e);
        }
        store.load().forEach((name, epl) -> {
            try {
                added.put(name, new Added(epl, compile(named(name, epl)), new HashMap<>()));
            } catch (InvalidStatementException e) {
                LOG.error("Stored statement '{}' no longer compiles and was not deployed: {}", name, e.getMessage());
            }
        });
        LOG.info("CEP engine ready with {} built-in and {} added statement(s), one runtime per household, "
                + "lateness {}", builtInNames.size(), added.size(), settings.lateness());
    }

    /** Takes a parsed batch; its readings enter the household's runtime in time order once past the lateness bound. */
    public synchronized void accept(ReadingBatch batch) {
        if (batch.readings().isEmpty()) {
            return;
        }
        Household household = household(batch.gateway(), batch.readings().get(0).time().toEpochMilli());
        long now = clock.millis();
        for (Reading reading : batch.readings()) {
            household.add(new SensorEvent(batch.gateway(), reading.device(), reading.sensor().id(), reading.value(),
                    reading.time().toEpochMilli()), now);
        }
        household.release();
    }

    /** Lets silent households' clocks follow the wall clock, so their open minutes close; run every second. */
    public synchronized void tick() {
        long now = clock.millis();
        households.values().forEach(h -> h.idle(now));
    }

    /** Releases every household's held readings up to {@code until} and moves its time there; for tests and replay. */
    public synchronized void advanceTo(Instant until) {
        households.values().forEach(h -> h.releaseUntil(until.toEpochMilli()));
    }

    public long lateReadings() {
        return late.get();
    }

    public long processedReadings() {
        return processed.get();
    }

    public synchronized int households() {
        return households.size();
    }

    @Override
    public synchronized List<StatementInfo> statements() {
        List<StatementInfo> list = new ArrayList<>();
        builtInNames.forEach(name -> list.add(new StatementInfo(name, builtInEpl(name), true)));
        added.forEach((name, statement) -> list.add(new StatementInfo(name, statement.epl(), false)));
        return list;
    }

    @Override
    public synchronized StatementInfo add(String name, String epl) throws InvalidStatementException {
        if (added.containsKey(name) || builtInNames.contains(name)) {
            throw new IllegalArgumentException("a statement named '" + name + "' exists");
        }
        Added statement = new Added(epl, compile(named(name, epl)), new HashMap<>());
        for (Map.Entry<String, Household> household : households.entrySet()) {
            deployAdded(household.getKey(), household.getValue(), statement);
        }
        added.put(name, statement);
        store.save(name, epl);
        LOG.info("CEP statement '{}' added", name);
        return new StatementInfo(name, epl, false);
    }

    @Override
    public synchronized boolean remove(String name) {
        Added statement = added.remove(name);
        if (statement == null) {
            return false;
        }
        statement.deployments().forEach((gateway, deploymentId) -> {
            try {
                households.get(gateway).undeploy(deploymentId);
            } catch (EPUndeployException e) {
                LOG.warn("[{}] cannot undeploy statement '{}': {}", gateway, name, e.getMessage());
            }
        });
        store.delete(name);
        LOG.info("CEP statement '{}' removed", name);
        return true;
    }

    @Override
    public synchronized void close() {
        households.values().forEach(Household::close);
        reference.destroy();
    }

    private Household household(String gateway, long firstTime) {
        Household existing = households.get(gateway);
        if (existing != null) {
            return existing;
        }
        Household household = new Household(gateway, EPRuntimeProvider.getRuntime(prefix + gateway, configuration),
                firstTime, settings.lateness().toMillis(), late, processed);
        try {
            household.deploy(defaults, builtInNames, this::emit);
        } catch (EPDeployException e) {
            throw new IllegalStateException("cannot deploy the built-in statements for " + gateway, e);
        }
        added.values().forEach(statement -> deployAdded(gateway, household, statement));
        households.put(gateway, household);
        return household;
    }

    private void deployAdded(String gateway, Household household, Added statement) {
        try {
            statement.deployments().put(gateway, household.deploy(statement.compiled(), null, this::emit));
        } catch (EPDeployException e) {
            LOG.error("[{}] cannot deploy an added statement: {}", gateway, e.getMessage());
        }
    }

    private EPCompiled compile(String epl) throws InvalidStatementException {
        CompilerArguments arguments = new CompilerArguments(configuration);
        arguments.getPath().add(reference.getRuntimePath());
        try {
            return EPCompilerProvider.getCompiler().compile(epl, arguments);
        } catch (EPCompileException e) {
            throw new InvalidStatementException(e.getMessage());
        }
    }

    private void emit(EventBean[] newEvents, EventBean[] oldEvents, EPStatement statement, EPRuntime source) {
        if (newEvents == null) {
            return;
        }
        Instant time = Instant.ofEpochMilli(source.getEventService().getCurrentTime());
        String kind = AGGREGATES.contains(statement.getName()) ? CepOutput.AGGREGATE : CepOutput.EVENT;
        for (EventBean event : newEvents) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String property : event.getEventType().getPropertyNames()) {
                Object value = event.get(property);
                values.put(property, TIME_PROPERTIES.contains(property) && value instanceof Long millis
                        ? Instant.ofEpochMilli(millis).toString() : value);
            }
            Object gateway = values.remove("gateway");
            Object device = values.remove("device");
            sink.accept(new CepOutput(statement.getName(), kind, gateway == null ? null : gateway.toString(),
                    device == null ? null : device.toString(), time, values));
        }
    }

    private static String named(String name, String epl) {
        return "@name('" + name.replace("'", "") + "') " + epl;
    }

    private String builtInEpl(String name) {
        int at = defaultsModule.indexOf("@name('" + name + "')");
        return at < 0 ? "" : defaultsModule.substring(at, defaultsModule.indexOf(';', at) + 1).strip();
    }

    private static Set<String> namesIn(String module) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = Pattern.compile("@name\\('([^']+)'\\)").matcher(module);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Configuration configuration(CepSettings settings) {
        Configuration configuration = new Configuration();
        for (SensorKind kind : SensorKind.values()) {
            configuration.getCommon().addEventType(Household.streamOf(kind.id()), SensorEvent.class);
        }
        configuration.getCommon().addVariable("switchThreshold", double.class, settings.switchThreshold());
        configuration.getCommon().addVariable("peakLimit", double.class, settings.peakLimit());
        configuration.getCommon().addVariable("cycleHours", int.class, settings.cycleHours());
        configuration.getCommon().addVariable("minTemperature", double.class, settings.minTemperature());
        configuration.getRuntime().getThreading().setInternalTimerEnabled(false);
        // Esper generates and loads classes for every statement: in OSGi they must see this
        // bundle's event class, so Esper uses this bundle's class loader, not the thread's.
        ClassLoader loader = CepEngine.class.getClassLoader();
        configuration.getCommon().getTransientConfiguration().put(ClassLoaderProvider.NAME,
                (ClassLoaderProvider) () -> loader);
        configuration.getCommon().getTransientConfiguration().put(ClassForNameProvider.NAME,
                (ClassForNameProvider) name -> Class.forName(name, true, loader));
        return configuration;
    }

    private static String read(String resource) {
        try (InputStream in = CepEngine.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not packaged");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A statement added at run time: its EPL, compiled once, and its deployment in each household. */
    private record Added(String epl, EPCompiled compiled, Map<String, String> deployments) {
    }
}
