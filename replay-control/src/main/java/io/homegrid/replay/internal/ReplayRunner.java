package io.homegrid.replay.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.homegrid.model.ReplaySeq;
import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.model.json.Json;
import io.homegrid.replay.Replay;
import io.homegrid.replay.ReplayMode;
import io.homegrid.replay.ReplaySettings;
import io.homegrid.replay.ReplayState;

/**
 * Sends one replay: its window page by page, each reading at its original offset divided by the
 * speed, with the time it is sent as its timestamp and a seq of the replay's own, to
 * {@code readings.raw} as a gateway's push would arrive. Each batch is committed on its own, and
 * where the replay is goes to the catalog a few times a second, so that a restarted backend goes
 * on from there (what it sends again has the same seqs and is stored once).
 */
final class ReplayRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayRunner.class);
    /** Readings of one gateway in one message at most, when they share a time or the speed is max. */
    static final int MAX_BATCH = 100;
    private static final long STOP_WAIT_SECONDS = 5;

    private final long id;
    private final ReplayCatalog catalog;
    private final ReplaySource source;
    private final ConnectionFactory connectionFactory;
    private final ReplaySettings settings;
    private final Clock clock;
    private final Runnable onEnd;
    /** Held while a batch is sent and committed: a cancel waits for it, and then nothing more goes out. */
    private final ReentrantLock sending = new ReentrantLock();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean stopped;
    private volatile boolean running;

    ReplayRunner(long id, ReplayCatalog catalog, ReplaySource source, ConnectionFactory connectionFactory,
            ReplaySettings settings, Clock clock, Runnable onEnd) {
        this.id = id;
        this.catalog = catalog;
        this.source = source;
        this.connectionFactory = connectionFactory;
        this.settings = settings;
        this.clock = clock;
        this.onEnd = onEnd;
    }

    /**
     * Stops sending; when this returns, no further batch of the replay goes out, and where it
     * stopped is recorded (if the runner ends within the wait).
     */
    void stop() throws InterruptedException {
        stopped = true;
        stop.countDown();
        sending.lock();
        sending.unlock();
        if (running && !ended.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("Replay {} stopped sending but did not record where within {} s", id, STOP_WAIT_SECONDS);
        }
    }

    @Override
    public void run() {
        running = true;
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(Destinations.READINGS_RAW));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            ProgressPublisher progress = new ProgressPublisher(connection.createSession(false, Session.AUTO_ACKNOWLEDGE),
                    clock);
            Replay replay = catalog.get(id).orElseThrow(() -> new IllegalStateException("replay " + id + " is gone"));
            long total = replay.readingsTotal() != null ? replay.readingsTotal() : source.count(replay);
            if (stopped || !catalog.start(id, total, clock.instant())) {
                return;
            }
            Replay running = catalog.get(id).orElseThrow();
            progress.publish(running);
            if (send(running, session, producer, progress)) {
                catalog.finish(id, ReplayState.DONE, null, clock.instant());
                LOG.info("Replay {} done", id);
                progress.publish(catalog.get(id).orElseThrow());
            }
        } catch (JMSException | RuntimeException e) {
            if (!stopped) {
                LOG.error("Replay {} failed", id, e);
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                catalog.finish(id, ReplayState.FAILED, reason, clock.instant());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
            onEnd.run();
        }
    }

    /** @return true when every reading was sent, false when the replay was stopped */
    private boolean send(Replay replay, Session session, MessageProducer producer, ProgressPublisher progress)
            throws JMSException, InterruptedException {
        ReplayCatalog.Cursor cursor = catalog.cursor(id).orElse(null);
        long sent = cursor == null ? 0 : cursor.sent();
        // The original time the wall clock's now stands for: where the replay is, so that a
        // resumed replay keeps the intervals of what is left.
        Instant origin = cursor == null ? replay.from() : cursor.time();
        Instant anchor = clock.instant();
        Instant lastProgress = anchor;
        boolean isolated = replay.mode() == ReplayMode.ISOLATED;
        boolean max = replay.speed() == null;
        ReplaySource.Pager pager = source.pager(replay);
        for (List<ReplaySource.Stored> page = pager.next(cursor, settings.pageSize()); !page.isEmpty();
                page = pager.next(cursor, settings.pageSize())) {
            // An isolated replay's CEP runtime runs on original time: one original instant per batch.
            List<List<Indexed>> batches = batches(page, max && !isolated, sent);
            if (max) {
                // As fast as the pipeline takes it: the whole page in one transaction, one disk sync.
                if (!sendAll(session, producer, batches, isolated)) {
                    return stoppedAt(cursor);
                }
                sent += page.size();
                cursor = cursorAt(page.get(page.size() - 1), sent);
            } else {
                for (List<Indexed> batch : batches) {
                    Instant due = anchor.plusNanos((long) (Duration.between(origin, batch.get(0).reading().time())
                            .toNanos() / replay.speed()));
                    if (waitUntil(due, progress) || !sendAll(session, producer, List.of(batch), isolated, due)) {
                        return stoppedAt(cursor);
                    }
                    sent += batch.size();
                    cursor = cursorAt(batch.get(batch.size() - 1).reading(), sent);
                    lastProgress = progress(cursor, lastProgress, progress);
                }
            }
            lastProgress = progress(cursor, lastProgress, progress);
        }
        if (cursor != null) {
            catalog.progress(id, cursor);
        }
        return true;
    }

    private boolean sendAll(Session session, MessageProducer producer, List<List<Indexed>> batches, boolean isolated)
            throws JMSException {
        return sendAll(session, producer, batches, isolated, null);
    }

    /**
     * Sends the batches and commits them, unless the replay was stopped: then nothing of them goes out.
     *
     * @param due the timestamp of their readings; null: now
     */
    private boolean sendAll(Session session, MessageProducer producer, List<List<Indexed>> batches, boolean isolated,
            Instant due) throws JMSException {
        sending.lock();
        try {
            if (stopped) {
                session.rollback();
                return false;
            }
            Instant stamp = (due == null ? clock.instant() : due).truncatedTo(ChronoUnit.MILLIS);
            for (List<Indexed> batch : batches) {
                TextMessage message = message(session, batch, stamp, isolated);
                if (isolated) {
                    message.setLongProperty(Headers.ORIGINAL_TIME, batch.get(0).reading().time().toEpochMilli());
                }
                producer.send(message);
            }
            session.commit();
            return true;
        } finally {
            sending.unlock();
        }
    }

    private static ReplayCatalog.Cursor cursorAt(ReplaySource.Stored last, long sent) {
        return new ReplayCatalog.Cursor(last.time(), last.gateway(), last.seq(), sent);
    }

    /** Records and announces where the replay is, at most every {@code progressEvery}; answers when it last did. */
    private Instant progress(ReplayCatalog.Cursor cursor, Instant last, ProgressPublisher progress) {
        Instant now = clock.instant();
        if (cursor == null || Duration.between(last, now).compareTo(settings.progressEvery()) < 0) {
            return last;
        }
        catalog.progress(id, cursor);
        progress.publish(current());
        return now;
    }

    /**
     * The replay as the catalog has it now; one cancelled at another instance (which cannot reach
     * this runner) stops here: nothing more of it goes out.
     */
    private Replay current() {
        Replay replay = catalog.get(id).orElseThrow(() -> new IllegalStateException("replay " + id + " is gone"));
        if (replay.state().finished() && !stopped) {
            LOG.info("Replay {} was {} elsewhere: stopping", id, replay.state().wire());
            stopped = true;
            stop.countDown();
        }
        return replay;
    }

    /** Records where a stopped replay is; false, for {@link #send}. */
    private boolean stoppedAt(ReplayCatalog.Cursor cursor) {
        if (cursor != null) {
            catalog.progress(id, cursor);
        }
        return false;
    }

    /**
     * Waits for the next batch's moment, announcing the replay every {@code progressEvery} while
     * it waits (a long gap in the data would otherwise look like a stalled replay).
     *
     * @return true if the replay was stopped while waiting
     */
    private boolean waitUntil(Instant due, ProgressPublisher progress) throws InterruptedException {
        for (long nanos = Duration.between(clock.instant(), due).toNanos(); nanos > 0;
                nanos = Duration.between(clock.instant(), due).toNanos()) {
            long every = settings.progressEvery().toNanos();
            if (stop.await(Math.min(nanos, every), TimeUnit.NANOSECONDS)) {
                return true;
            }
            if (nanos > every) {
                progress.publish(current());
            }
        }
        return stopped;
    }

    /** A stored reading and its place in the replay, which its replayed seq names. */
    record Indexed(ReplaySource.Stored reading, long index) {
    }

    /**
     * The readings of a page (the first at place {@code firstIndex}) as the batches that go out
     * together: one gateway's readings of one original instant (a gateway's push), or at full
     * speed all of a gateway's readings in the page, up to {@link #MAX_BATCH} a batch.
     */
    static List<List<Indexed>> batches(List<ReplaySource.Stored> page, boolean max, long firstIndex) {
        List<List<Indexed>> batches = new ArrayList<>();
        if (max) {
            Map<String, List<Indexed>> byGateway = new LinkedHashMap<>();
            long index = firstIndex;
            for (ReplaySource.Stored reading : page) {
                byGateway.computeIfAbsent(reading.gateway(), gateway -> new ArrayList<>()).add(new Indexed(reading, index++));
            }
            for (List<Indexed> readings : byGateway.values()) {
                for (int from = 0; from < readings.size(); from += MAX_BATCH) {
                    batches.add(readings.subList(from, Math.min(readings.size(), from + MAX_BATCH)));
                }
            }
            return batches;
        }
        List<Indexed> current = new ArrayList<>();
        long index = firstIndex;
        for (ReplaySource.Stored reading : page) {
            if (!current.isEmpty()) {
                ReplaySource.Stored first = current.get(0).reading();
                boolean together = first.gateway().equals(reading.gateway()) && first.time().equals(reading.time())
                        && current.size() < MAX_BATCH;
                if (!together) {
                    batches.add(current);
                    current = new ArrayList<>();
                }
            }
            current.add(new Indexed(reading, index++));
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** The batch as the gateway would have pushed it, with the replay's seqs and the time it is sent. */
    private TextMessage message(Session session, List<Indexed> batch, Instant stamp, boolean isolated)
            throws JMSException {
        String gateway = batch.get(0).reading().gateway();
        ObjectNode body = Json.mapper().createObjectNode().put("gateway", gateway);
        ArrayNode readings = body.putArray("readings");
        for (Indexed indexed : batch) {
            ReplaySource.Stored reading = indexed.reading();
            readings.addObject().put("device", reading.device()).put("sensor", reading.sensor())
                    .put("value", reading.value()).put("unit", reading.unit()).put("time", stamp.toString())
                    .put("seq", ReplaySeq.of(id, isolated, indexed.index()));
        }
        TextMessage message = session.createTextMessage(body.toString());
        message.setStringProperty(Headers.GATEWAY, gateway);
        message.setStringProperty(Headers.GROUP, gateway);
        message.setIntProperty(Headers.READINGS, batch.size());
        message.setLongProperty(Headers.RECEIVED, clock.millis());
        message.setLongProperty(Headers.REPLAY, id);
        return message;
    }
}
