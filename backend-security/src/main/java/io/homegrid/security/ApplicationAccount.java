package io.homegrid.security;

import java.time.Instant;

/** A registered third-party application (its secret is shown once, at registration). */
public record ApplicationAccount(String clientId, String name, Instant created) {
}
