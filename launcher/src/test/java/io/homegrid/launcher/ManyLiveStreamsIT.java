package io.homegrid.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.routes.rest.RequestLimits;
import io.homegrid.security.test.AccessFixture;

/**
 * Live streams hold a server thread each: with 300 of them open the server still answers
 * {@code /health}, and the next stream beyond the limit of held requests is refused with 429
 * instead of starving the server.
 */
class ManyLiveStreamsIT {

    private static final int STREAMS = 300;

    @Test
    void healthAnswersWhileThreeHundredLiveStreamsAreOpen(@TempDir Path dataDir) throws Exception {
        int port = FreePorts.next();
        RequestLimits limits = new RequestLimits(STREAMS + 1, RequestLimits.DEFAULT_COMMAND_POLLS_PER_GATEWAY,
                RequestLimits.DEFAULT_REQUESTS_PER_SECOND, RequestLimits.DEFAULT_REQUEST_BURST, STREAMS);
        try (EmbeddedBackend backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir).withRequests(limits))) {
            Http http = Http.to(backend, port);
            HttpClient client = http.client();
            String operator = AccessFixture.around(backend.access()).operator();
            AtomicInteger open = new AtomicInteger();
            List<CompletableFuture<HttpResponse<Stream<String>>>> streams = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                CompletableFuture<HttpResponse<Stream<String>>> stream = client.sendAsync(live(http, operator),
                        HttpResponse.BodyHandlers.ofLines());
                // Reading the first line on the client's own threads would hold them: read it elsewhere.
                stream.thenAcceptAsync(response -> {
                    if (response.statusCode() == 200 && response.body().findFirst().isPresent()) {
                        open.incrementAndGet();
                    }
                });
                streams.add(stream);
            }
            await().atMost(Duration.ofSeconds(120)).untilAtomic(open, equalTo(STREAMS));

            Http.Answer health = http.anonymous().get("/health");
            HttpResponse<String> beyond = client.send(live(http, operator), HttpResponse.BodyHandlers.ofString());

            assertThat(health.status()).isEqualTo(200);
            assertThat(beyond.statusCode()).isEqualTo(429);
            assertThat(beyond.body()).contains("the server holds " + STREAMS);
            streams.forEach(stream -> stream.cancel(true));
        }
    }

    private static HttpRequest live(Http http, String operator) {
        return HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/live")).header("Authorization", operator)
                .timeout(Duration.ofSeconds(60)).build();
    }
}
