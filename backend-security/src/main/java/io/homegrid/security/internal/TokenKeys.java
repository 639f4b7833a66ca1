package io.homegrid.security.internal;

import java.security.SecureRandom;
import java.time.Clock;

import javax.sql.DataSource;

/**
 * The token-signing key, kept in the database so that every backend instance on it accepts the
 * others' tokens. Made on the first start; a race between two first starts keeps one key.
 */
public final class TokenKeys {

    private static final String CURRENT = "current";

    private TokenKeys() {
    }

    public static byte[] load(DataSource dataSource, Clock clock) {
        Jdbc jdbc = new Jdbc(dataSource);
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.update("INSERT INTO token_key (key_id, secret, created) VALUES (?, ?, ?) ON CONFLICT (key_id) DO NOTHING",
                CURRENT, fresh, clock.instant());
        return jdbc.query("SELECT secret FROM token_key WHERE key_id = ?", row -> row.getBytes(1), CURRENT).get(0);
    }
}
