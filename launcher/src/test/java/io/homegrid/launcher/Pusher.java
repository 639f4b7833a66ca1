package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.power;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes batches of readings with fresh sequence numbers, as a gateway under load does, until
 * stopped or {@code maxBatches} are sent, and remembers which sequence numbers were answered 202.
 */
final class Pusher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Pusher.class);
    private static final int ACCEPTED = 202;

    private final Http http;
    private final String gateway;
    private final int perBatch;
    private final int maxBatches;
    /** Also the pause between batches: a gateway pushes often, but leaves the two CI cores some air. */
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Set<Long> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong notAccepted = new AtomicLong();

    Pusher(Http http, String gateway, int perBatch, int maxBatches) {
        this.http = http;
        this.gateway = gateway;
        this.perBatch = perBatch;
        this.maxBatches = maxBatches;
    }

    @Override
    public void run() {
        long seq = 0;
        try {
            for (int b = 0; b < maxBatches && !stop.await(10, TimeUnit.MILLISECONDS); b++) {
                long first = seq + 1;
                String[] readings = new String[perBatch];
                for (int i = 0; i < perBatch; i++) {
                    readings[i] = power(gateway + "-plug-" + i, 10 + i, ++seq, 1);
                }
                sent.set(seq);
                if (push(readings)) {
                    for (long s = first; s <= seq; s++) {
                        accepted.add(s);
                    }
                } else {
                    notAccepted.addAndGet(perBatch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean push(String[] readings) throws InterruptedException {
        try {
            return http.post("/api/v1/gateways/" + gateway + "/readings", batch(gateway, readings)).status() == ACCEPTED;
        } catch (IOException e) {
            // Not answered 202, so the gateway would keep these readings and send them again.
            LOG.warn("Push failed: {}", e.toString());
            return false;
        }
    }

    void stop() {
        stop.countDown();
    }

    /** Sequence numbers answered 202. */
    Set<Long> accepted() {
        return Set.copyOf(accepted);
    }

    long acceptedCount() {
        return accepted.size();
    }

    /** Highest sequence number sent so far. */
    long sent() {
        return sent.get();
    }

    long notAccepted() {
        return notAccepted.get();
    }
}
