package io.homegrid.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerCredentialTest {

    @TempDir
    Path dir;

    @Test
    void generatesTheSecretOnceOwnerOnlyAndMatchesOnlyTheInstaller() throws Exception {
        InstallerCredential first = InstallerCredential.in(dir.resolve("data"));
        Path file = dir.resolve("data").resolve(InstallerCredential.FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.password()).hasSize(24);
        assertThat(InstallerCredential.in(dir.resolve("data")).password()).as("kept, not made anew")
                .isEqualTo(first.password());
        assertThat(first.matches("installer", first.password())).isTrue();
        assertThat(first.matches("installer", first.password() + "x")).isFalse();
        assertThat(first.matches("admin", first.password())).isFalse();
        assertThat(first.matches("installer", null)).isFalse();
        assertThat(InstallerCredential.in(dir.resolve("other")).password()).isNotEqualTo(first.password());
    }
}
