package io.homegrid.cep.internal;

import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPUndeployException;
import com.espertech.esper.runtime.client.UpdateListener;

/**
 * One household's Esper runtime with its own clock, advanced from that household's readings
 * only: a gateway whose clock runs ahead or behind shifts nothing for the others. Readings are
 * held up to the lateness bound to be put in order; later ones are dropped and counted.
 */
public final class Household implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Household.class);
    /** Readings this far behind the wall clock, or more, are history. */
    static final long LIVE_WINDOW = 120_000;
    static final long HISTORY_SILENCE = 120_000;

    private final String gateway;
    private final EPRuntime runtime;
    private final long lateness;
    private final PriorityQueue<SensorEvent> pending = new PriorityQueue<>(
            (a, b) -> Long.compare(a.getTime(), b.getTime()));
    private final AtomicLong late;
    private final AtomicLong processed;
    private final UpdateListener listener;
    /** The seqs of the readings taken whose time has not passed yet, with their times to forget them by. */
    private final Set<Long> seqs = new HashSet<>();
    private final PriorityQueue<long[]> seqTimes = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    /** The message group its readings last came in. */
    private String group;
    private long newest;
    private long lastArrival;
    /** Event time minus wall time: 0 for a gateway's own runtime, where the two go together. */
    private long wallShift;

    public Household(String gateway, EPRuntime runtime, long startTime, long lateness, AtomicLong late,
            AtomicLong processed, UpdateListener listener) {
        this.gateway = gateway;
        this.runtime = runtime;
        this.lateness = lateness;
        this.late = late;
        this.processed = processed;
        this.listener = listener;
        // Start the clock at this household's first reading: a jump from 0 would replay decades of timers.
        runtime.getEventService().advanceTime(startTime - lateness);
        this.newest = startTime - lateness;
    }

    /**
     * Deploys a compiled module and listens to those of its statements named in {@code listenTo}
     * (null: to all of them); answers the deployment id.
     */
    public String deploy(EPCompiled compiled, Set<String> listenTo) throws EPDeployException {
        EPDeployment deployment = runtime.getDeploymentService().deploy(compiled);
        for (var statement : deployment.getStatements()) {
            if (listenTo == null || listenTo.contains(statement.getName())) {
                statement.addListener(listener);
            }
        }
        return deployment.getDeploymentId();
    }

    /** Adds a listener to one statement of a deployment. */
    public void listen(String deploymentId, String statement, UpdateListener listener) {
        runtime.getDeploymentService().getStatement(deploymentId, statement).addListener(listener);
    }

    public String gateway() {
        return gateway;
    }

    /** How long (wall clock) since its last reading arrived. */
    public long silentFor(long now) {
        return now - lastArrival;
    }

    public void undeploy(String deploymentId) throws EPUndeployException {
        runtime.getDeploymentService().undeploy(deploymentId);
    }

    /** The household's event time. */
    public long currentTime() {
        return runtime.getEventService().getCurrentTime();
    }

    public String group() {
        return group;
    }

    public void group(String group) {
        this.group = group;
    }

    /**
     * Whether a reading is new here: a push sent again after its answer was lost, or a message
     * the broker delivers again after a failover, carries readings already taken. A reading
     * older than the household's time is dropped as late anyway.
     */
    public boolean isNew(long seq, long time) {
        if (time < currentTime()) {
            return true;
        }
        if (!seqs.add(seq)) {
            return false;
        }
        seqTimes.add(new long[] {time, seq});
        return true;
    }

    public void add(SensorEvent event, long arrival) {
        pending.add(event);
        newest = Math.max(newest, event.getTime());
        lastArrival = arrival;
    }

    /** Feeds every held reading that is past the lateness bound of the newest one. */
    public void release() {
        releaseUntil(newest - lateness);
    }

    /**
     * A silent household's time follows the wall clock, so that its open minute closes: once
     * silent for the lateness bound when its readings are live, but only after
     * {@link #HISTORY_SILENCE} when they are history (a gateway emptying its cache after an
     * outage). Such a household pauses for seconds whenever the broker fails over or another
     * instance takes over its messages, and the rest of its history must not come late then.
     */
    public void idle(long now) {
        boolean live = newest >= now + wallShift - LIVE_WINDOW;
        if (now - lastArrival >= (live ? lateness : HISTORY_SILENCE)) {
            releaseUntil(now + wallShift - lateness);
        }
    }

    /**
     * An isolated replay's runtime runs on the readings' original time: how far that is from the
     * wall clock, so that it goes on at the wall clock's pace when the replay falls silent.
     */
    public void shiftFromWallClock(long shift) {
        this.wallShift = shift;
    }

    public void releaseUntil(long until) {
        while (!pending.isEmpty() && pending.peek().getTime() <= until) {
            SensorEvent event = pending.poll();
            if (event.getTime() < runtime.getEventService().getCurrentTime()) {
                late.incrementAndGet();
                LOG.debug("[{}] reading of {} at {} ms came more than {} ms late; not evaluated", gateway,
                        event.getDevice(), event.getTime(), lateness);
                continue;
            }
            // advanceTimeSpan: timers between two readings fire at their own instants, so a minute
            // that closes during a gap is stamped with its own end.
            runtime.getEventService().advanceTimeSpan(event.getTime());
            runtime.getEventService().sendEventBean(event, streamOf(event.getSensor()));
            processed.incrementAndGet();
        }
        if (until > runtime.getEventService().getCurrentTime()) {
            runtime.getEventService().advanceTimeSpan(until);
        }
        long now = currentTime();
        while (!seqTimes.isEmpty() && seqTimes.peek()[0] < now) {
            seqs.remove(seqTimes.poll()[1]);
        }
    }

    public static String streamOf(String sensor) {
        return Character.toUpperCase(sensor.charAt(0)) + sensor.substring(1) + "Reading";
    }

    @Override
    public void close() {
        runtime.destroy();
    }
}
