package io.homegrid.security.internal;

import java.security.SecureRandom;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** People's passwords, hashed with bcrypt by Bouncy Castle: slow on purpose, salted per password. */
public final class Passwords {

    /** 2^10 rounds: about 50 ms here; an attacker with the table pays that per guess. */
    private static final int COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than cut silently. */
    public static final int MAX_LENGTH = 72;
    public static final int MIN_LENGTH = 8;

    private Passwords() {
    }

    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate(password.toCharArray(), salt, COST);
    }

    public static boolean matches(String password, String hash) {
        return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    }

    /** A generated password for the first operator: 24 characters, about 140 bits. */
    public static String generate() {
        return Secrets.newSecret().substring(0, 24);
    }
}
