package io.homegrid.launcher.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.homegrid.launcher.BackendConfig;
import io.homegrid.launcher.EmbeddedBackend;
import io.homegrid.launcher.Http;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.security.BasicCredentials;
import io.homegrid.security.GatewayRegistration;
import io.homegrid.security.test.AccessFixture;

/**
 * Whether open live clients cost the push path: the same push load (batches of 100 readings
 * spread over 1,000 gateways of 1,000 households, as fast as two pushers go) with no live client,
 * then with 1,000 WebSocket clients each subscribed to one household's readings, twice over, in
 * one run on one backend. The clients run in the benchmark's JVM, so their own decoding shares the
 * two cores with the backend. Reports accepted and stored readings per second of each phase
 * and what the clients received.
 *
 * <p>Run: {@code mvn -B -o -pl launcher -Pbench -DskipTests verify
 * -Dbench.main=io.homegrid.launcher.bench.LiveClientsThroughput} (options: -Dbench.seconds=30,
 * -Dbench.clients=1000, -Dbench.pushers=2).
 */
public final class LiveClientsThroughput {

    private static final int BATCH = 100;

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 30);
        int clients = Integer.getInteger("bench.clients", 1000);
        int pushers = Integer.getInteger("bench.pushers", 2);
        Path dir = Files.createTempDirectory("homegrid-live-clients");
        int port = FreePorts.next();
        try (EmbeddedBackend backend = EmbeddedBackend.start(BackendConfig.defaults(port, dir))) {
            var directory = backend.access().access().directory();
            String[] households = new String[clients];
            String[] gateways = new String[clients];
            String[] auth = new String[clients];
            for (int i = 0; i < clients; i++) {
                households[i] = directory.createHousehold("home " + i, ZoneId.of("UTC")).id();
                gateways[i] = "gw-live-" + i;
                auth[i] = new BasicCredentials(gateways[i], directory.registerGateway(new GatewayRegistration(gateways[i],
                        households[i], null, null, null, null, true, null, null))).header();
            }
            String token = AccessFixture.around(backend.access()).operator().substring("Bearer ".length());
            HttpClient http = Http.pinned(backend.tls().fingerprint());
            String base = backend.baseUrl();
            Pushers load = new Pushers(http, base, gateways, auth);
            List<String> rows = new ArrayList<>();
            double[] none = new double[2];
            double[] with = new double[2];
            load.run(pushers, 40); // warm-up: the JIT is still at it for the first half minute
            Clients open = null;
            for (int round = 0; round < 2; round++) {
                Phase idle = phase("no live client", load, backend, pushers, seconds, null);
                rows.add(idle.row());
                none[round] = idle.accepted();
                open = Clients.open(http, base, token, households);
                Phase watched = phase(clients + " live clients", load, backend, pushers, seconds, open);
                rows.add(watched.row());
                with[round] = watched.accepted();
                open.close();
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "embedded backend, %d pushers x batches of %d over %d gateways/households, "
                    + "%d s a phase, %d cores shared by pushers, clients and backend%n", pushers, BATCH, clients, seconds,
                    Runtime.getRuntime().availableProcessors());
            System.out.println("| phase | accepted readings/s | stored readings/s | live messages received/s | clients cut off |");
            System.out.println("|---|---|---|---|---|");
            rows.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "accepted with clients / without, each round: %.2f, %.2f; without, round 2 / round 1: "
                    + "%.2f%n", with[0] / none[0], with[1] / none[1], none[1] / none[0]);
        }
        System.exit(0);
    }

    private record Phase(String row, double accepted) {
    }

    private static Phase phase(String name, Pushers load, EmbeddedBackend backend, int pushers, int seconds, Clients open)
            throws Exception {
        long storedBefore = stored(backend);
        long receivedBefore = open == null ? 0 : open.received.get();
        long startNanos = System.nanoTime();
        long accepted = load.run(pushers, seconds);
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long stored = stored(backend) - storedBefore;
        long received = open == null ? 0 : open.received.get() - receivedBefore;
        return new Phase(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s | %s |", name, accepted / elapsed,
                stored / elapsed, open == null ? "–" : String.format(Locale.ROOT, "%.0f", received / elapsed),
                open == null ? "–" : Integer.toString(open.cutOff.get())), accepted / elapsed);
    }

    private static long stored(EmbeddedBackend backend) {
        return backend.persistence().readingsStored();
    }

    /** Pushers that go round the gateways, each batch with its gateway's next sequence numbers. */
    private static final class Pushers {
        private final HttpClient http;
        private final String base;
        private final String[] gateways;
        private final String[] auth;
        private final AtomicLong[] seqs;
        private final AtomicInteger next = new AtomicInteger();

        Pushers(HttpClient http, String base, String[] gateways, String[] auth) {
            this.http = http;
            this.base = base;
            this.gateways = gateways;
            this.auth = auth;
            this.seqs = new AtomicLong[gateways.length];
            for (int i = 0; i < seqs.length; i++) {
                seqs[i] = new AtomicLong();
            }
        }

        /** Answers the readings accepted within the seconds. */
        long run(int threads, int seconds) throws InterruptedException {
            AtomicLong accepted = new AtomicLong();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        int g = Math.floorMod(next.getAndIncrement(), gateways.length);
                        long first = seqs[g].getAndAdd(BATCH) + 1;
                        StringBuilder body = new StringBuilder("{\"gateway\":\"").append(gateways[g]).append("\",\"readings\":[");
                        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
                        for (int i = 0; i < BATCH; i++) {
                            body.append(i == 0 ? "" : ",").append("{\"device\":\"plug-").append(i % 15)
                                    .append("\",\"sensor\":\"power\",\"value\":").append(50 + i).append(",\"unit\":\"W\",\"time\":\"")
                                    .append(now).append("\",\"seq\":").append(first + i).append('}');
                        }
                        try {
                            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/gateways/"
                                    + gateways[g] + "/readings")).header("Authorization", auth[g])
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            if (answer.statusCode() == 202) {
                                accepted.addAndGet(BATCH);
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException("push failed", e);
                        }
                    }
                }, "pusher-" + t);
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            return accepted.get();
        }
    }

    /** WebSocket clients of /api/v1/live/ws, one household each. */
    private static final class Clients implements AutoCloseable {
        private final List<WebSocket> sockets = new ArrayList<>();
        private final AtomicLong received = new AtomicLong();
        private final AtomicInteger cutOff = new AtomicInteger();
        private final AtomicBoolean closing = new AtomicBoolean();

        static Clients open(HttpClient http, String base, String token, String[] households) throws Exception {
            Clients clients = new Clients();
            CountDownLatch subscribed = new CountDownLatch(households.length);
            URI uri = URI.create(base.replace("https://", "wss://") + "/api/v1/live/ws");
            for (String household : households) {
                WebSocket socket = http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        String text = data.toString();
                        if (text.contains("\"type\":\"subscribed\"")) {
                            subscribed.countDown();
                        } else if (text.startsWith("{\"type\":\"message\"")) {
                            clients.received.incrementAndGet();
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        if (!clients.closing.get()) {
                            clients.cutOff.incrementAndGet();
                        }
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
                // one send at a time on a JDK WebSocket: the subscription follows the log-in's send
                socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true)
                        .thenCompose(ws -> ws.sendText("{\"type\":\"subscribe\",\"id\":\"home\",\"household\":\""
                                + household + "\",\"kinds\":[\"reading\"]}", true))
                        .get(30, TimeUnit.SECONDS);
                clients.sockets.add(socket);
            }
            if (!subscribed.await(2, TimeUnit.MINUTES)) {
                clients.close();
                throw new IllegalStateException(subscribed.getCount() + " clients did not subscribe");
            }
            return clients;
        }

        @Override
        public void close() {
            closing.set(true);
            CompletableFuture.allOf(sockets.stream().map(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .exceptionally(e -> null)).toArray(CompletableFuture[]::new)).join();
        }
    }
}
