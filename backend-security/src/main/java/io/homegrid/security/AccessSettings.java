package io.homegrid.security;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How access control behaves; the one home of its defaults.
 *
 * @param tokenLifetime     how long an access token is valid
 * @param adminPassword     the first operator's password for automated installs
 *                          ({@value #ADMIN_PASSWORD_VARIABLE}); null: generated
 * @param adminPasswordFile where a generated first password is kept, owner-only; null: nowhere
 */
public record AccessSettings(Duration tokenLifetime, String adminPassword, Path adminPasswordFile) {

    public static final String PID = "io.homegrid.access";
    public static final String ADMIN_PASSWORD_VARIABLE = "HOMEGRID_ADMIN_PASSWORD";
    public static final int DEFAULT_TOKEN_LIFETIME_SECONDS = 900;
    public static final String ADMIN_PASSWORD_FILE = "admin.password";

    /** Defaults, the password from the environment, and the generated one kept in {@code dataDir}. */
    public static AccessSettings in(Path dataDir) {
        return new AccessSettings(Duration.ofSeconds(DEFAULT_TOKEN_LIFETIME_SECONDS), System.getenv(ADMIN_PASSWORD_VARIABLE),
                dataDir == null ? null : dataDir.resolve(ADMIN_PASSWORD_FILE));
    }

    @Override
    public String toString() {
        return "AccessSettings[tokenLifetime=" + tokenLifetime + ", adminPassword=" + (adminPassword == null ? "generated" : "given")
                + ", adminPasswordFile=" + adminPasswordFile + "]";
    }
}
