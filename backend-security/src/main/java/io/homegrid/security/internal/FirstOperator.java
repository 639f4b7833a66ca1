package io.homegrid.security.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.security.Directory;
import io.homegrid.security.OwnerOnlyFile;
import io.homegrid.security.Role;

/** Creates the operator {@code admin} when there is no operator at all, so that someone can log in. */
public final class FirstOperator {

    public static final String USERNAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(FirstOperator.class);

    private FirstOperator() {
    }

    /**
     * @param given         the password to set (from {@code HOMEGRID_ADMIN_PASSWORD}), or null to generate one
     * @param passwordFile  where a generated password is written, readable by its owner only; null: nowhere
     * @return the generated password, for the caller to show once; empty when none was generated
     */
    public static Optional<String> ensure(Directory directory, String given, Path passwordFile) {
        if (directory.users(null).stream().anyMatch(user -> user.role() == Role.OPERATOR)) {
            return Optional.empty();
        }
        String password = given != null ? given : Passwords.generate();
        directory.createUser(USERNAME, password, Role.OPERATOR, null);
        if (given != null) {
            LOG.info("Created the first operator '{}' with the password given in the environment", USERNAME);
            return Optional.empty();
        }
        if (passwordFile != null) {
            OwnerOnlyFile.write(passwordFile, password);
            LOG.info("Created the first operator '{}'; its generated password is in {} (owner-only)", USERNAME, passwordFile);
        }
        return Optional.of(password);
    }
}
