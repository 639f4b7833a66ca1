package io.homegrid.routes.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.homegrid.model.bus.ReadingBatchCodec;
import io.homegrid.routes.rest.BusPublisher;
import io.homegrid.routes.rest.BusUnavailableException;

class GroupCommitTest {

    private static final String RAW = "readings.raw";

    /** Every write as it happened: its group and its parts' gateways. */
    private final List<List<String>> writes = new CopyOnWriteArrayList<>();
    private final List<String> groups = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch firstWriteMayEnd = new CountDownLatch(0);
    private volatile RuntimeException failWith;
    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    private final GroupCommit.Writer writer = (queue, group, parts, readings) -> {
        try {
            firstWriteMayEnd.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failWith != null) {
            throw failWith;
        }
        groups.add(group);
        writes.add(parts.stream().map(ReadingBatchCodec.Part::gateway).toList());
    };

    private final GroupCommit commit = new GroupCommit(unused(), writer, RAW, 1, 1_000);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aPushOnAnIdleLaneIsWrittenAtOnceAlone() {
        commit.publishValidated(RAW, "gw-1", new byte[] {1}, 1);

        assertThat(writes).containsExactly(List.of("gw-1"));
        assertThat(groups).containsExactly("push-lane-0");
    }

    @Test
    void pushesThatArriveDuringAWriteShareTheNextAndEachReturnsOnlyOnceWritten() throws Exception {
        firstWriteMayEnd = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> commit.publishValidated(RAW, "gw-0", new byte[0], 1), pool);
        org.awaitility.Awaitility.await().until(() -> ((java.util.concurrent.ThreadPoolExecutor) pool).getActiveCount() == 1);
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String gateway = "gw-" + i;
            others.add(CompletableFuture.runAsync(() -> commit.publishValidated(RAW, gateway, new byte[0], 1), pool));
        }
        org.awaitility.Awaitility.await().until(() -> ((java.util.concurrent.ThreadPoolExecutor) pool).getActiveCount() == 11);
        assertThat(others).noneMatch(CompletableFuture::isDone);

        firstWriteMayEnd.countDown();
        first.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(writes).hasSize(2);
        assertThat(writes.get(0)).containsExactly("gw-0");
        assertThat(writes.get(1)).hasSize(10);
    }

    @Test
    void aWriteCarriesNoMoreReadingsThanTheLimitButAtLeastOneBatch() throws Exception {
        firstWriteMayEnd = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> commit.publishValidated(RAW, "gw-0", new byte[0], 1), pool);
        org.awaitility.Awaitility.await().until(() -> ((java.util.concurrent.ThreadPoolExecutor) pool).getActiveCount() == 1);
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String gateway = "gw-" + i;
            others.add(CompletableFuture.runAsync(() -> commit.publishValidated(RAW, gateway, new byte[0], 600), pool));
            org.awaitility.Awaitility.await().until(() -> ((java.util.concurrent.ThreadPoolExecutor) pool).getActiveCount() == 2 + others.size() - 1);
        }
        firstWriteMayEnd.countDown();
        first.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        // 600 + 600 would pass 1,000: each goes alone, in the order they came
        assertThat(writes).containsExactly(List.of("gw-0"), List.of("gw-1"), List.of("gw-2"), List.of("gw-3"));
    }

    @Test
    void aFailedWriteFailsEveryPushItCarriedAndTheLaneGoesOn() {
        failWith = new IllegalStateException("broker gone");

        assertThatThrownBy(() -> commit.publishValidated(RAW, "gw-1", new byte[0], 1))
                .isInstanceOf(BusUnavailableException.class).hasRootCauseMessage("broker gone");

        failWith = null;
        commit.publishValidated(RAW, "gw-1", new byte[0], 1);
        assertThat(writes).containsExactly(List.of("gw-1"));
    }

    @Test
    void otherQueuesAndJsonGoStraightToThePublisher() {
        List<String> direct = new ArrayList<>();
        GroupCommit other = new GroupCommit(new BusPublisher() {
            @Override
            public void publish(String queue, String gateway, String body, int readings) {
                direct.add("json " + queue);
            }

            @Override
            public void publishValidated(String queue, String gateway, byte[] batch, int readings) {
                direct.add("bytes " + queue);
            }
        }, writer, RAW, 1, 1_000);

        other.publish(RAW, "gw-1", "{}", 1);
        other.publishValidated("devices", "gw-1", new byte[0], 1);

        assertThat(direct).containsExactly("json readings.raw", "bytes devices");
        assertThat(writes).isEmpty();
    }

    /** A batch with refusals goes as JSON, in its gateway's lane group: ordered with the gateway's other batches. */
    @Test
    void aJsonBatchGoesInItsGatewaysLaneGroupAndOtherQueuesAsTheyAre() {
        List<String> sent = new CopyOnWriteArrayList<>();
        BusPublisher recording = new BusPublisher() {
            @Override
            public void publish(String queue, String gateway, String body, int readings) {
                sent.add(queue + " " + gateway + " (its own group)");
            }

            @Override
            public void publish(String queue, String gateway, String group, String body, int readings) {
                sent.add(queue + " " + gateway + " " + group);
            }

            @Override
            public void publishValidated(String queue, String gateway, byte[] batch, int readings) {
                throw new AssertionError("not expected");
            }
        };
        GroupCommit lanes = new GroupCommit(recording, writer, RAW, 4, 1_000);

        lanes.publish(RAW, "gw-7", "{}", 1);
        lanes.publishValidated(RAW, "gw-7", new byte[0], 1);
        lanes.publish("devices.updates", "gw-7", "{}", 1);

        assertThat(sent.get(0)).isEqualTo(RAW + " gw-7 " + groups.get(0));
        assertThat(sent.get(1)).isEqualTo("devices.updates gw-7 (its own group)");
    }

    private static BusPublisher unused() {
        return new BusPublisher() {
            @Override
            public void publish(String queue, String gateway, String body, int readings) {
                throw new AssertionError("not expected");
            }

            @Override
            public void publishValidated(String queue, String gateway, byte[] batch, int readings) {
                throw new AssertionError("not expected");
            }
        };
    }
}
