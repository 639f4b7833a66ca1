package io.homegrid.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Gateway and application secrets: 32 random bytes, kept only as their SHA-256. A secret this
 * long cannot be guessed, so a fast digest is enough and a push pays microseconds for its check.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Constant time in the length of the digest, so that timing tells nothing of the stored one. */
    public static boolean matches(String secret, byte[] storedSha256) {
        return storedSha256 != null && MessageDigest.isEqual(sha256(secret), storedSha256);
    }
}
