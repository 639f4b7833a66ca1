package io.homegrid.launcher.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.homegrid.security.AccessService;
import io.homegrid.security.OwnerOnlyFile;

/**
 * The password of the gateway's local installer credential (user {@code installer}): generated on
 * the first start and kept owner-only in the gateway's data directory, where the installer reads it.
 */
public final class InstallerPassword {

    public static final String FILE = "installer.password";

    private InstallerPassword() {
    }

    public static String in(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                OwnerOnlyFile.write(file, AccessService.newPassword());
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the installer's password in " + file, e);
        }
    }
}
