package io.homegrid.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.homegrid.launcher.internal.FreePorts;

/** Issue 11: the backend serves HTTPS only, with a certificate clients can pin; plain HTTP on loopback only if asked. */
class HttpsIT {

    @TempDir
    Path dataDir;

    @Test
    void theApiIsServedOverHttpsWithTheCertificateItKeepsAndPlainHttpOnlyOnLoopbackWhenAsked() throws Exception {
        int port = FreePorts.next();
        int plain = FreePorts.next();
        String fingerprint;
        try (EmbeddedBackend backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir).withHttpPort(plain))) {
            fingerprint = backend.tls().fingerprint();
            assertThat(Http.to(backend, port).get("/health").status()).as("HTTPS, certificate pinned").isEqualTo(200);

            HttpClient wrongPin = Http.pinned("00".repeat(32));
            assertThatThrownBy(() -> wrongPin.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString())).as("another certificate is refused").isInstanceOf(IOException.class);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(backend.baseUrl()
                    + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("a self-signed certificate is not trusted unless pinned or given").isInstanceOf(IOException.class);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + port + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("no plain HTTP on the public port").isInstanceOf(IOException.class);

            HttpResponse<String> loopback = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + plain + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(loopback.statusCode()).isEqualTo(200);
            Optional<InetAddress> external = externalAddress();
            if (external.isPresent()) {
                assertThatThrownBy(() -> new Socket(external.get(), plain).close())
                        .as("plain HTTP is not reachable from other machines").isInstanceOf(IOException.class);
            }
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("tls/backend.p12")))
                    .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("tls/backend.p12.password")))
                    .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        try (EmbeddedBackend again = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir))) {
            assertThat(again.tls().fingerprint()).as("the certificate is kept across restarts").isEqualTo(fingerprint);
        }
    }

    private static Optional<InetAddress> externalAddress() throws IOException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream().filter(i -> !isLoopback(i))
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress()).findFirst();
    }

    private static boolean isLoopback(NetworkInterface networkInterface) {
        try {
            return networkInterface.isLoopback() || !networkInterface.isUp();
        } catch (IOException e) {
            return true;
        }
    }
}
