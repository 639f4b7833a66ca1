package io.homegrid.routes.rest.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.homegrid.model.bus.ReadingBatchCodec;
import io.homegrid.routes.rest.BusPublisher;
import io.homegrid.routes.rest.BusUnavailableException;

/**
 * Group commit at the edge: validated batches pushed at the same time share one persistent
 * broker write instead of taking one each, so a single-reading push no longer costs a message,
 * a parser transaction and two queue copies of its own (issue 13). A push that finds no write in
 * progress in its lane writes at once, so an idle backend adds no latency; pushes that arrive
 * meanwhile wait, and the first of them writes all of them together next. Each push returns
 * only after the write that carried its batch: 202 still means on disk.
 *
 * <p>A gateway always uses the same lane, and a lane's writes are one JMS message group, so one
 * gateway's batches stay in order; its JSON batches (those with refusals) go in that group too.
 * Everything else goes to the publisher unchanged.
 */
public final class GroupCommit implements BusPublisher {

    /** Writes one envelope of batches as one persistent message of the given JMS group. */
    public interface Writer {
        void write(String queue, String group, List<ReadingBatchCodec.Part> parts, int readings);
    }

    private final BusPublisher publisher;
    private final Writer writer;
    private final String queue;
    private final int maxReadings;
    private final Lane[] lanes;

    /**
     * @param queue       the queue whose validated batches are combined
     * @param lanes       writes that may be in progress at once (and JMS groups); at least the
     *                    parser's consumers, so that each has a group to work on
     * @param maxReadings readings one write carries at most
     */
    public GroupCommit(BusPublisher publisher, Writer writer, String queue, int lanes, int maxReadings) {
        this.publisher = publisher;
        this.writer = writer;
        this.queue = queue;
        this.maxReadings = maxReadings;
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane("push-lane-" + i);
        }
    }

    /**
     * A batch with refused readings travels as JSON, in its gateway's lane group all the same: a
     * gateway's batches, of either form, then reach the parser and CEP in the order pushed.
     */
    @Override
    public void publish(String queue, String gateway, String body, int readings) {
        if (this.queue.equals(queue)) {
            publisher.publish(queue, gateway, lane(gateway).group, body, readings);
        } else {
            publisher.publish(queue, gateway, body, readings);
        }
    }

    private Lane lane(String gateway) {
        return lanes[Math.floorMod(gateway.hashCode(), lanes.length)];
    }

    @Override
    public void publishValidated(String queue, String gateway, byte[] batch, int readings) {
        if (!this.queue.equals(queue)) {
            publisher.publishValidated(queue, gateway, batch, readings);
            return;
        }
        Lane lane = lane(gateway);
        Pending mine = new Pending(new ReadingBatchCodec.Part(gateway, readings, batch));
        if (lane.add(mine)) {
            lane.lead();
        }
        mine.await(lane);
    }

    /** One push waiting for its write. */
    private static final class Pending {
        private final ReadingBatchCodec.Part part;
        private boolean done;
        private boolean leads;
        private RuntimeException failure;

        Pending(ReadingBatchCodec.Part part) {
            this.part = part;
        }

        synchronized void succeeded() {
            done = true;
            notifyAll();
        }

        synchronized void failed(RuntimeException cause) {
            failure = cause;
            done = true;
            notifyAll();
        }

        synchronized void lead() {
            leads = true;
            notifyAll();
        }

        /** Waits until written; writes itself, with the others waiting, when it is handed the lead. */
        void await(Lane lane) {
            boolean interrupted = false;
            while (true) {
                synchronized (this) {
                    while (!done && !leads) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // The write that carries this batch is under way or next: the caller
                            // must learn its outcome, so wait on and restore the flag after.
                            interrupted = true;
                        }
                    }
                    if (done) {
                        if (interrupted) {
                            Thread.currentThread().interrupt();
                        }
                        if (failure != null) {
                            throw failure;
                        }
                        return;
                    }
                    leads = false;
                }
                lane.lead();
            }
        }
    }

    private final class Lane {
        private final String group;
        private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        private boolean writing;

        Lane(String group) {
            this.group = group;
        }

        /** Queues a push; answers true when no write is in progress, and the caller must lead one. */
        synchronized boolean add(Pending pending) {
            waiting.add(pending);
            if (writing) {
                return false;
            }
            writing = true;
            return true;
        }

        /** Writes what is waiting (up to the limit), then hands the lead to the next in line, if any. */
        void lead() {
            List<Pending> batch = take();
            List<ReadingBatchCodec.Part> parts = new ArrayList<>(batch.size());
            int readings = 0;
            for (Pending pending : batch) {
                parts.add(pending.part);
                readings += pending.part.readings();
            }
            BusUnavailableException failure = null;
            try {
                writer.write(queue, group, parts, readings);
            } catch (BusUnavailableException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new BusUnavailableException("the broker did not take the batch", e);
            } finally {
                // Whatever happened, every push in this write learns it, and the lane moves on.
                BusUnavailableException outcome = failure;
                for (Pending pending : batch) {
                    if (outcome == null) {
                        pending.succeeded();
                    } else {
                        pending.failed(outcome);
                    }
                }
                Pending next = handOver();
                if (next != null) {
                    next.lead();
                }
            }
        }

        private synchronized List<Pending> take() {
            List<Pending> batch = new ArrayList<>();
            int readings = 0;
            while (!waiting.isEmpty() && (batch.isEmpty() || readings + waiting.peek().part.readings() <= maxReadings)) {
                Pending pending = waiting.poll();
                readings += pending.part.readings();
                batch.add(pending);
            }
            return batch;
        }

        private synchronized Pending handOver() {
            if (waiting.isEmpty()) {
                writing = false;
                return null;
            }
            return waiting.peek();
        }
    }
}
