package io.homegrid.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.homegrid.security.AccessSettings;
import io.homegrid.security.test.AccessFixture;

/**
 * Identities for a backend in another process, got as an administrator gets them: the first
 * operator's password from its owner-only file, then gateways registered (or their secrets
 * rotated) through the API.
 */
final class RemoteIdentities implements Identities {

    private final int port;
    private final Path dataDir;
    private final String admin;
    private final Map<String, String> gateways = new ConcurrentHashMap<>();

    RemoteIdentities(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
        try {
            String password = Files.readString(dataDir.resolve(AccessSettings.ADMIN_PASSWORD_FILE), StandardCharsets.UTF_8).strip();
            this.admin = AccessFixture.basic("admin", password);
        } catch (IOException e) {
            throw new UncheckedIOException("no first operator's password in " + dataDir, e);
        }
    }

    @Override
    public String operator() {
        return admin;
    }

    @Override
    public String gateway(String gateway) {
        return gateways.computeIfAbsent(gateway, id -> AccessFixture.basic(id, secret(id)));
    }

    private String secret(String gateway) {
        Http http = new Http(port, Http.fingerprintIn(dataDir), () -> this).as(admin);
        try {
            Http.Answer registered = http.post("/api/v1/households/default/gateways", "{\"gateway\":\"" + gateway + "\"}");
            if (registered.status() == 409) {
                registered = http.post("/api/v1/households/default/gateways/" + gateway + "/secret", "");
            }
            if (registered.json().path("secret").isMissingNode()) {
                throw new IllegalStateException("registering " + gateway + " answered " + registered.status() + " " + registered.text());
            }
            return registered.json().get("secret").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
