package io.homegrid.bus;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A user of the broker. The password is never logged: {@link #toString()} leaves it out.
 *
 * @param user     the broker user name
 * @param password its password; blank means none was configured
 */
public record BusCredentials(String user, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The user with a fresh random password (144 bits), for a password nobody configured. */
    public static BusCredentials generated(String user) {
        byte[] secret = new byte[18];
        RANDOM.nextBytes(secret);
        return new BusCredentials(user, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** These credentials, or generated ones when no password was configured. */
    public BusCredentials orGenerated() {
        return password == null || password.isBlank() ? generated(user) : this;
    }

    @Override
    public String toString() {
        return "BusCredentials[" + user + "]";
    }
}
