package io.homegrid.gateway.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The distribution's {@code etc/} files say nothing the bundles do not: every value there is the
 * attribute's metatype default, which bnd writes from the config annotation, whose defaults are the
 * settings records' (each bundle's component test proves that). So the records stay the one home
 * of each default; only the deliberate differences below may differ.
 */
class DistributionConfigIT {

    /** pid/attribute set differently on purpose, and why. */
    private static final Map<String, String> DELIBERATE = Map.of(
            "io.homegrid.gateway.xbee/radio", "the distribution starts against the simulator, not a serial port");

    private final Path home = Path.of(System.getProperty("homegrid.gateway.distribution"));

    @Test
    void everyConfiguredValueIsTheBundlesDefault() throws Exception {
        Map<String, Map<String, String>> defaults = Metatypes.defaults(home.resolve("deploy"));
        List<Path> files = configurationFiles();
        assertThat(files).hasSize(6);

        for (Path file : files) {
            String pid = file.getFileName().toString().replaceFirst("\\.cfg$", "");
            assertThat(defaults).as("a metatype designate for %s", pid).containsKey(pid);
            Properties configured = properties(file);
            for (String key : configured.stringPropertyNames()) {
                if (DELIBERATE.containsKey(pid + "/" + key)) {
                    continue;
                }
                assertThat(defaults.get(pid)).as("%s in %s", key, file.getFileName())
                        .containsEntry(key, configured.getProperty(key).strip());
            }
        }
    }

    private List<Path> configurationFiles() throws IOException {
        // Only the homegrid pids are bundle settings; logging (org.ops4j.pax.logging.cfg) is not.
        try (Stream<Path> files = Files.list(home.resolve("etc"))) {
            return files.filter(f -> f.getFileName().toString().matches("io\\.homegrid\\..*\\.cfg")).sorted().toList();
        }
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }
}
