package io.homegrid.launcher.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's superuser password. zonky initialises every cluster with trust
 * authentication, so anyone on this machine could log in as the superuser: here the password is
 * generated once, kept in a file only its owner can read beside the data directory, set on the
 * server, and {@code pg_hba.conf} is rewritten to ask for it (SCRAM) on every connection.
 */
final class DatabasePassword {

    static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(DatabasePassword.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HBA_MARKER = "# homegrid: SCRAM for every connection";
    private static final String HBA = HBA_MARKER + "\n"
            + "local all all scram-sha-256\n"
            + "host  all all 127.0.0.1/32 scram-sha-256\n"
            + "host  all all ::1/128 scram-sha-256\n";

    private DatabasePassword() {
    }

    /** The file beside (not in: initdb wants an empty directory) the data directory. */
    static Path file(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".password");
    }

    static String loadOrCreate(Path dataDirectory) throws IOException {
        Path file = file(dataDirectory);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        Files.writeString(file, password, StandardCharsets.UTF_8);
        LOG.info("Generated the embedded PostgreSQL's password in {} (readable by its owner only)", file);
        return password;
    }

    /**
     * Makes the running server ask for the password: on a cluster still on zonky's trust
     * authentication, sets the password, then rewrites {@code pg_hba.conf} and reloads it.
     */
    static void require(int port, String password, Path dataDirectory) throws IOException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        if (Files.readString(hba, StandardCharsets.UTF_8).startsWith(HBA_MARKER)) {
            return;
        }
        Properties login = new Properties();
        login.setProperty("user", USER);
        login.setProperty("password", password);
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", login);
                Statement statement = connection.createStatement()) {
            // The password is ours (base64url, no quotes); hashed with SCRAM, PostgreSQL's default.
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("ALTER USER " + USER + " PASSWORD '" + password + "'");
            Files.writeString(hba, HBA, StandardCharsets.UTF_8);
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("cannot set the embedded PostgreSQL's password on " + dataDirectory, e);
        }
        LOG.info("Embedded PostgreSQL on {} now asks every connection for its password", dataDirectory);
    }
}
