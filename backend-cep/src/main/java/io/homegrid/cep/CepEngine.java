package io.homegrid.cep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import com.espertech.esper.runtime.client.EPUndeployException;

import io.homegrid.cep.internal.SensorEvent;
import io.homegrid.model.CepOutput;
import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.SensorKind;

/**
 * Esper on event time. Readings go into one stream per sensor kind ({@code PowerReading},
 * {@code TemperatureReading}, …). The engine's clock is advanced from the readings' own
 * timestamps, never from the wall clock while readings flow, so replayed or late data gives the
 * same results as live data: readings are held up to {@link CepSettings#lateness()} to be put in
 * order, and a reading older than that behind the newest is dropped and counted. Statement
 * outputs go to the sink, which must not block (the connector hands them to a publishing thread).
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
    private final EPRuntime runtime;
    private final Map<String, Deployed> statements = new LinkedHashMap<>();
    private final PriorityQueue<SensorEvent> pending = new PriorityQueue<>(
            (a, b) -> Long.compare(a.getTime(), b.getTime()));
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private long newest;
    private long lastArrival;

    public CepEngine(CepSettings settings, Consumer<CepOutput> sink, StatementStore store, Clock clock) {
        this.settings = settings;
        this.sink = sink;
        this.store = store;
        this.clock = clock;
        this.configuration = configuration(settings);
        this.runtime = EPRuntimeProvider.getRuntime("homegrid-cep-" + UUID.randomUUID(), configuration);
        // Start the clock near now: a jump from 0 would replay decades of timer callbacks.
        runtime.getEventService().advanceTime(clock.millis() - settings.lateness().toMillis());
        newest = runtime.getEventService().getCurrentTime();
    }

    /** Deploys the built-in statements and those added before the last stop. */
    public synchronized void start() {
        try {
            String module = read(DEFAULTS);
            Set<String> named = new java.util.HashSet<>();
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("@name\\('([^']+)'\\)").matcher(module);
            while (names.find()) {
                named.add(names.group(1));
            }
            EPDeployment defaults = runtime.getDeploymentService().deploy(compile(module));
            for (EPStatement statement : defaults.getStatements()) {
                if (named.contains(statement.getName())) {
                    statement.addListener(this::emit);
                    statements.put(statement.getName(), new Deployed(statement.getName(), null, true,
                            defaults.getDeploymentId()));
                }
            }
        } catch (EPDeployException | InvalidStatementException e) {
            throw new IllegalStateException("the built-in CEP statements do not deploy", e);
        }
        store.load().forEach((name, epl) -> {
            try {
                deploy(name, epl);
            } catch (InvalidStatementException e) {
                LOG.error("Stored statement '{}' no longer compiles and was not deployed: {}", name, e.getMessage());
            }
        });
        LOG.info("CEP engine running {} statement(s) on event time (lateness {})", statements.size(),
                settings.lateness());
    }

    /** Takes a parsed batch; its readings enter the engine in time order once past the lateness bound. */
    public synchronized void accept(ReadingBatch batch) {
        for (Reading reading : batch.readings()) {
            pending.add(new SensorEvent(batch.gateway(), reading.device(), reading.sensor().id(), reading.value(),
                    reading.time().toEpochMilli()));
            newest = Math.max(newest, reading.time().toEpochMilli());
        }
        lastArrival = clock.millis();
        release(newest - settings.lateness().toMillis());
    }

    /**
     * While no readings arrive the engine's time would stand still and the last minute would
     * never close: after the lateness bound of silence, event time follows the wall clock.
     */
    public synchronized void tick() {
        long now = clock.millis();
        if (now - lastArrival >= settings.lateness().toMillis()) {
            release(now - settings.lateness().toMillis());
        }
    }

    /** Releases every held reading up to {@code until} and moves event time there; for tests and replay. */
    public synchronized void advanceTo(Instant until) {
        release(until.toEpochMilli());
    }

    public long lateReadings() {
        return late.get();
    }

    public long processedReadings() {
        return processed.get();
    }

    private void release(long until) {
        while (!pending.isEmpty() && pending.peek().getTime() <= until) {
            SensorEvent event = pending.poll();
            long current = runtime.getEventService().getCurrentTime();
            if (event.getTime() < current) {
                late.incrementAndGet();
                LOG.debug("[{}] reading of {} at {} arrived more than {} late; dropped", event.getGateway(),
                        event.getDevice(), Instant.ofEpochMilli(event.getTime()), settings.lateness());
                continue;
            }
            // advanceTimeSpan, not advanceTime: timers between the two instants fire at their own
            // time, so a minute that closes during a gap is stamped with its own end.
            runtime.getEventService().advanceTimeSpan(event.getTime());
            runtime.getEventService().sendEventBean(event, streamOf(event.getSensor()));
            processed.incrementAndGet();
        }
        if (until > runtime.getEventService().getCurrentTime()) {
            runtime.getEventService().advanceTimeSpan(until);
        }
    }

    @Override
    public synchronized List<StatementInfo> statements() {
        List<StatementInfo> list = new ArrayList<>();
        statements.values().forEach(d -> list.add(new StatementInfo(d.name(), d.epl() == null
                ? builtInEpl(d.name()) : d.epl(), d.builtIn())));
        return list;
    }

    @Override
    public synchronized StatementInfo add(String name, String epl) throws InvalidStatementException {
        if (statements.containsKey(name)) {
            throw new IllegalArgumentException("a statement named '" + name + "' exists");
        }
        deploy(name, epl);
        store.save(name, epl);
        LOG.info("CEP statement '{}' added", name);
        return new StatementInfo(name, epl, false);
    }

    @Override
    public synchronized boolean remove(String name) {
        Deployed deployed = statements.get(name);
        if (deployed == null || deployed.builtIn()) {
            return false;
        }
        try {
            runtime.getDeploymentService().undeploy(deployed.deploymentId());
        } catch (EPUndeployException e) {
            throw new IllegalStateException("cannot undeploy statement '" + name + "': " + e.getMessage(), e);
        }
        statements.remove(name);
        store.delete(name);
        LOG.info("CEP statement '{}' removed", name);
        return true;
    }

    @Override
    public synchronized void close() {
        runtime.destroy();
    }

    private void deploy(String name, String epl) throws InvalidStatementException {
        EPCompiled compiled = compile("@name('" + name.replace("'", "") + "') " + epl);
        try {
            EPDeployment deployment = runtime.getDeploymentService().deploy(compiled);
            for (EPStatement statement : deployment.getStatements()) {
                statement.addListener(this::emit);
            }
            statements.put(name, new Deployed(name, epl, false, deployment.getDeploymentId()));
        } catch (EPDeployException e) {
            throw new InvalidStatementException(e.getMessage());
        }
    }

    private EPCompiled compile(String epl) throws InvalidStatementException {
        CompilerArguments arguments = new CompilerArguments(configuration);
        arguments.getPath().add(runtime.getRuntimePath());
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

    private static String builtInEpl(String name) {
        String module = read(DEFAULTS);
        int at = module.indexOf("@name('" + name + "')");
        return at < 0 ? "" : module.substring(at, module.indexOf(';', at) + 1).strip();
    }

    static String streamOf(String sensor) {
        return Character.toUpperCase(sensor.charAt(0)) + sensor.substring(1) + "Reading";
    }

    private static Configuration configuration(CepSettings settings) {
        Configuration configuration = new Configuration();
        for (SensorKind kind : SensorKind.values()) {
            configuration.getCommon().addEventType(streamOf(kind.id()), SensorEvent.class);
        }
        configuration.getCommon().addVariable("switchThreshold", double.class, settings.switchThreshold());
        configuration.getCommon().addVariable("peakLimit", double.class, settings.peakLimit());
        configuration.getCommon().addVariable("cycleHours", int.class, settings.cycleHours());
        configuration.getCommon().addVariable("minTemperature", double.class, settings.minTemperature());
        configuration.getRuntime().getThreading().setInternalTimerEnabled(false);
        configuration.getCommon().getLogging().setEnableQueryPlan(false);
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

    private record Deployed(String name, String epl, boolean builtIn, String deploymentId) {
    }

    @Override
    public String toString() {
        return "CepEngine" + Arrays.toString(statements.keySet().toArray());
    }
}
