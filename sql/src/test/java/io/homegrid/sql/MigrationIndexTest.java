package io.homegrid.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** A migration added to sql/migrations but not to INDEX would silently never run. */
class MigrationIndexTest {

    @Test
    void indexListsExactlyTheMigrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("migrations"))) {
            assertThat(Migrations.index()).containsExactlyInAnyOrderElementsOf(
                    files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".sql")).toList());
        }
    }

    @Test
    void versionsCountUpFromOne() {
        assertThat(Migrations.packaged()).extracting(Migration::version).startsWith(1).isSorted();
    }
}
