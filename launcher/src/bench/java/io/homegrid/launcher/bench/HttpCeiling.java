package io.homegrid.launcher.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import io.homegrid.gateway.push.PinnedCertificate;
import io.homegrid.launcher.internal.EmbeddedThreads;
import io.homegrid.launcher.internal.EmbeddedTls;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.launcher.internal.TlsMaterial;
import io.homegrid.routes.rest.RestServer;

/**
 * What this machine's HTTPS stack answers at most, with the push benchmark's own client on the
 * same cores: single-reading pushes to a server that reads the body and answers 202, with
 * nothing behind it. Once on bare Jetty (the version CXF embeds, the same TLS key), once through
 * CXF's JAX-RS chain on that Jetty, set up as the embedded backend sets it up. The backend's
 * singles accepted per second are measured against these, as its batches are against
 * PostgreSQL's own ceiling (issue 13).
 */
final class HttpCeiling {

    private static final String ANSWER = "{\"accepted\":1,\"rejected\":[]}";

    private HttpCeiling() {
    }

    /** Requests per second of both servers, as a table, after as many unmeasured first. */
    static String report(int requests, int concurrency, double backendSinglesPerSecond) throws Exception {
        Path dir = Files.createTempDirectory("homegrid-http-ceiling");
        TlsMaterial tls = TlsMaterial.selfSigned(dir);
        SSLContext client = PinnedCertificate.context(tls.fingerprint());
        double jetty;
        try (AutoCloseable server = bareJetty(tls)) {
            jetty = measure(client, ((Port) server).port(), requests, concurrency);
        }
        double cxf;
        try (AutoCloseable server = cxf(tls)) {
            cxf = measure(client, ((Port) server).port(), requests, concurrency);
        }
        return String.format(Locale.ROOT, "%nHTTPS ceilings, single-reading pushes answered 202 with nothing behind, same client, %d requests, %d threads:%n"
                + "| server | requests/s | backend's singles accepted / this |%n|---|---|---|%n"
                + "| Jetty 9.4 + TLS, a handler that reads the body | %.0f | %.2f |%n"
                + "| the same + CXF JAX-RS, a resource that reads the body | %.0f | %.2f |%n",
                requests, concurrency, jetty, backendSinglesPerSecond / jetty, cxf, backendSinglesPerSecond / cxf);
    }

    private interface Port extends AutoCloseable {
        int port();
    }

    private static Port bareJetty(TlsMaterial tls) throws Exception {
        int port = FreePorts.next();
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("ceiling-jetty");
        Server server = new Server(threads);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(tls.keyManagers(), null, null);
        ssl.setSslContext(context);
        HttpConfiguration https = new HttpConfiguration();
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                try (InputStream in = request.getInputStream()) {
                    in.readAllBytes();
                }
                response.setStatus(202);
                response.setContentType("application/json");
                response.getOutputStream().write(ANSWER.getBytes(StandardCharsets.UTF_8));
                base.setHandled(true);
            }
        });
        server.start();
        return new Port() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() throws Exception {
                server.stop();
            }
        };
    }

    /** The resource a push reaches, minus everything it does. */
    @javax.ws.rs.Path("/api/v1/gateways")
    public static final class NoOpPush {
        @POST
        @javax.ws.rs.Path("{gatewayId}/readings")
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        public Response push(@PathParam("gatewayId") String gateway, InputStream body) throws IOException {
            body.readAllBytes();
            return Response.status(202).entity(ANSWER).build();
        }
    }

    private static Port cxf(TlsMaterial tls) {
        int port = FreePorts.next();
        Bus bus = BusFactory.newInstance().createBus();
        EmbeddedTls.configure(bus, port, tls);
        EmbeddedThreads.configure(bus, 64, port, 0);
        RestServer server = RestServer.start(bus, "https://127.0.0.1:" + port + "/", List.of(new NoOpPush()), List.of());
        return new Port() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                server.close();
                bus.shutdown(true);
            }
        };
    }

    private static double measure(SSLContext ssl, int port, int requests, int concurrency) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl).build();
        URI uri = URI.create("https://localhost:" + port + "/api/v1/gateways/gw-0/readings");
        run(http, uri, requests, concurrency);
        long start = System.nanoTime();
        run(http, uri, requests, concurrency);
        return requests / ((System.nanoTime() - start) / 1e9);
    }

    private static void run(HttpClient http, URI uri, int requests, int concurrency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                workers.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < requests;) {
                        String body = "{\"gateway\":\"gw-0\",\"readings\":[{\"device\":\"plug-" + (i % 15)
                                + "\",\"sensor\":\"power\",\"value\":" + (20 + i % 2000) + ",\"unit\":\"W\",\"time\":\""
                                + Instant.now() + "\",\"seq\":" + i + "}]}";
                        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                        if (answer.statusCode() != 202) {
                            throw new IllegalStateException("answered " + answer.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
