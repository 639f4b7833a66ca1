package io.homegrid.gateway.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The gateway's local installer credential (user {@value #USER}), asked for by everything local
 * that changes the gateway: the local API's relay switch and the web console. Its password is
 * generated on the first start and kept owner-only in the gateway's data folder, where the
 * installer reads it ({@code sudo cat /var/lib/homegrid-gateway/data/installer.password}).
 */
public final class InstallerCredential {

    public static final String USER = "installer";
    /** The password's file, in the gateway's data folder. */
    public static final String FILE = "installer.password";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String password;
    private final byte[] digest;

    private InstallerCredential(String password) {
        this.password = password;
        this.digest = sha256(USER + ":" + password);
    }

    /** The credential kept in {@code file}, generated there (18 random bytes, 144 bits) if there is none yet. */
    public static InstallerCredential keptIn(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[18];
                RANDOM.nextBytes(secret);
                writeOwnerOnly(file, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            }
            return new InstallerCredential(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the installer's password in " + file, e);
        }
    }

    /** The credential of the gateway whose data folder is {@code dataDir}. */
    public static InstallerCredential in(Path dataDir) {
        return keptIn(dataDir.resolve(FILE));
    }

    public String password() {
        return password;
    }

    /** Whether these are the installer's user and password; in constant time, so timing tells nothing. */
    public boolean matches(String user, String candidate) {
        return user != null && candidate != null && MessageDigest.isEqual(sha256(user + ":" + candidate), digest);
    }

    private static void writeOwnerOnly(Path file, String secret) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            // the permissions are set at creation: the secret is never readable by others
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system: the folder's access rules apply
        }
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
