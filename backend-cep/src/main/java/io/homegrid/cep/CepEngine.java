package io.homegrid.cep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.cep.internal.AddedStatements;
import io.homegrid.cep.internal.BuiltInStatements;
import io.homegrid.cep.internal.CommunityLive;
import io.homegrid.cep.internal.CommunityMinutes;
import io.homegrid.cep.internal.EsperRuntimes;
import io.homegrid.cep.internal.HeldMessages;
import io.homegrid.cep.internal.Household;
import io.homegrid.cep.internal.Households;
import io.homegrid.cep.internal.OutputListener;
import io.homegrid.cep.internal.SensorEvent;
import io.homegrid.cep.internal.StatementCompiler;
import io.homegrid.model.CepOutput;
import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;

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

    /** An isolated replay's runtime silent this long is closed: its windows have all closed by then. */
    static final Duration ISOLATED_REPLAY_SILENCE = Duration.ofMinutes(10);
    /**
     * How long past the lateness bound a community's minute waits for members that have not
     * reported it: a household's runtime closes its minute when its own readings pass it, or the
     * wall clock does for a silent one (every second).
     */
    public static final Duration COMMUNITY_SETTLE = Duration.ofSeconds(5);
    /** How often a community's residual load as it stands goes to its agents. */
    public static final Duration COMMUNITY_LIVE_INTERVAL = Duration.ofSeconds(5);
    /** A device's latest reading counts in its community's live residual load this long after it arrived. */
    public static final Duration COMMUNITY_LIVE_FRESH = Duration.ofSeconds(30);

    private final CepSettings settings;
    private final Clock clock;
    private final StatementCompiler compiler;
    private final BuiltInStatements builtIns = BuiltInStatements.read();
    private final AddedStatements added;
    private final Households households;
    private final VirtualDeviceGroups groups;
    private final CommunityMinutes communities;
    private final CommunityLive live;
    private final HeldMessages held = new HeldMessages();

    public CepEngine(CepSettings settings, Consumer<CepOutput> sink, StatementStore store, Clock clock) {
        this(settings, sink, store, GatewayHouseholds.NONE, clock);
    }

    /** @param gatewayHouseholds where a household's own statements run */
    public CepEngine(CepSettings settings, Consumer<CepOutput> sink, StatementStore store,
            GatewayHouseholds gatewayHouseholds, Clock clock) {
        this(settings, sink, store, gatewayHouseholds, VirtualDeviceGroups.NONE, clock);
    }

    /** @param groups each household's virtual devices, whose totals the engine sums every minute */
    public CepEngine(CepSettings settings, Consumer<CepOutput> sink, StatementStore store,
            GatewayHouseholds gatewayHouseholds, VirtualDeviceGroups groups, Clock clock) {
        this(settings, sink, store, gatewayHouseholds, groups, CommunityMembership.NONE, clock);
    }

    /** @param communities the communities each gateway's household counts in, whose residual load the engine sums */
    public CepEngine(CepSettings settings, Consumer<CepOutput> sink, StatementStore store,
            GatewayHouseholds gatewayHouseholds, VirtualDeviceGroups groups, CommunityMembership communities,
            Clock clock) {
        this.groups = groups;
        this.communities = new CommunityMinutes(communities, sink,
                settings.lateness().plus(COMMUNITY_SETTLE).toMillis());
        this.live = new CommunityLive(communities, sink, COMMUNITY_LIVE_INTERVAL.toMillis(),
                COMMUNITY_LIVE_FRESH.toMillis());
        this.settings = settings;
        this.clock = clock;
        EsperRuntimes runtimes = new EsperRuntimes(settings);
        this.compiler = new StatementCompiler(runtimes);
        this.added = new AddedStatements(compiler, store, builtIns::contains, gatewayHouseholds);
        this.households = new Households(runtimes, settings.lateness().toMillis(),
                replay -> new OutputListener(sink, replay == 0 ? null : replay),
                this::setUp);
    }

    /** Compiles the built-in statements and restores those added before the last stop. */
    public synchronized void start() {
        builtIns.compile(compiler);
        added.restore();
        LOG.info("CEP engine ready with {} built-in and {} added statement(s), one runtime per household, "
                + "lateness {}", builtIns.size(), added.size(), settings.lateness());
    }

    /** Takes a parsed batch; its readings enter the household's runtime in time order once past the lateness bound. */
    public synchronized void accept(ReadingBatch batch) {
        take(batch, null, clock.millis());
        communities.flushReported(clock.millis());
    }

    /**
     * Takes the batches of one bus message, of one message group; {@code done} runs (on this
     * thread, after the outputs it depends on went to the sink) once every minute their readings
     * count in has been output, so that the message can be acknowledged then and not before.
     * One gateway's batch that fails costs the others in the message nothing.
     */
    public synchronized void accept(List<ReadingBatch> batches, String group, Runnable done) {
        long now = clock.millis();
        Map<Household, Long> latest = new HashMap<>();
        for (ReadingBatch batch : batches) {
            try {
                Household household = take(batch, group, now);
                if (household != null) {
                    latest.merge(household, batch.readings().stream().mapToLong(r -> r.time().toEpochMilli()).max()
                            .orElseThrow(), Math::max);
                }
            } catch (RuntimeException e) {
                LOG.error("[{}] CEP could not take a batch of {} reading(s)", batch.gateway(),
                        batch.readings().size(), e);
            }
        }
        communities.flushReported(now);
        held.hold(latest, done);
        held.release(latest.keySet());
    }

    /**
     * The broker gives this instance a message group anew (another instance that had it died or
     * stopped, or the broker failed over): the households whose readings came in it start again
     * from the readings it delivers again, which include every one of their minutes not yet output.
     */
    public synchronized void resetGroup(String group) {
        List<Household> reset = households.reset(group);
        reset.forEach(held::forget);
        if (!reset.isEmpty()) {
            LOG.info("Message group {} came to this instance anew: {} household runtime(s) start again from the "
                    + "readings delivered again", group, reset.size());
        }
    }

    /** @return the household, or null for an empty batch */
    private Household take(ReadingBatch batch, String group, long now) {
        if (batch.readings().isEmpty()) {
            return null;
        }
        Household household = households.of(batch.gateway(), batch.readings().get(0).time().toEpochMilli());
        household.group(group);
        for (Reading reading : batch.readings()) {
            if (household.isNew(reading.seq(), reading.time().toEpochMilli())) {
                household.add(new SensorEvent(batch.gateway(), reading.device(), reading.sensor().id(),
                        reading.value(), reading.time().toEpochMilli()), now);
                live.observe(batch.gateway(), reading, now);
            }
        }
        household.release();
        return household;
    }

    /**
     * Takes a batch of an isolated replay: into a runtime of the replay's own, on the readings'
     * original time, so that its windows see the data as it was (a minute of it in a minute).
     */
    public synchronized void acceptIsolated(ReadingBatch batch, long replay, Instant originalTime) {
        if (batch.readings().isEmpty()) {
            return;
        }
        long time = originalTime.toEpochMilli();
        Household household = households.of(batch.gateway(), replay, time);
        long now = clock.millis();
        household.shiftFromWallClock(time - now);
        feed(household, batch, time, now);
    }

    /** @param time every reading's event time; null: each reading's own */
    private static void feed(Household household, ReadingBatch batch, Long time, long now) {
        for (Reading reading : batch.readings()) {
            household.add(new SensorEvent(batch.gateway(), reading.device(), reading.sensor().id(), reading.value(),
                    time == null ? reading.time().toEpochMilli() : time), now);
        }
        household.release();
    }

    /** Deploys and undeploys what another backend instance added or removed; see {@link AddedStatements#sync}. */
    public synchronized int syncStatements() {
        return added.sync(households.all());
    }

    /** Lets silent households' clocks follow the wall clock, so their open minutes close; run every second. */
    public synchronized void tick() {
        long now = clock.millis();
        households.all().forEach(h -> h.idle(now));
        held.release(households.all());
        communities.flush(now);
        live.publish(now);
        int closed = households.closeSilentReplays(now, ISOLATED_REPLAY_SILENCE.toMillis());
        if (closed > 0) {
            LOG.info("Closed {} isolated replay runtime(s), silent for {}", closed, ISOLATED_REPLAY_SILENCE);
        }
    }

    /** Releases every household's held readings up to {@code until} and moves its time there; for tests and replay. */
    public synchronized void advanceTo(Instant until) {
        households.all().forEach(h -> h.releaseUntil(until.toEpochMilli()));
        held.release(households.all());
        communities.flush(clock.millis());
    }

    public long lateReadings() {
        return households.late();
    }

    /** Bus messages not acknowledged yet, as their readings count in minutes not output yet. */
    public synchronized int heldMessages() {
        return held.size();
    }

    public long processedReadings() {
        return households.processed();
    }

    public synchronized int households() {
        return households.size();
    }

    @Override
    public synchronized List<StatementInfo> statements() {
        List<StatementInfo> list = new ArrayList<>(builtIns.infos());
        list.addAll(added.infos());
        return list;
    }

    @Override
    public synchronized StatementInfo add(String name, String epl, String household) throws InvalidStatementException {
        return added.add(name, epl, household, households.all());
    }

    @Override
    public synchronized boolean remove(String name) {
        return added.remove(name);
    }

    @Override
    public synchronized void close() {
        households.close();
        compiler.close();
    }

    /**
     * A new household gets the built-in statements, then those added, as if it had been there all
     * along; an isolated replay's runtime counts in no community.
     */
    private void setUp(Household household, long replay) {
        builtIns.deployTo(household, groups, replay == 0 ? communities : null, clock::millis);
        added.deployTo(household);
    }
}
