package io.homegrid.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.homegrid.bus.BusSettings;
import io.homegrid.cep.CepService;
import io.homegrid.cep.CepSettings;
import io.homegrid.model.validation.Limits;
import io.homegrid.persistence.PersistenceConnector;
import io.homegrid.persistence.PersistenceSettings;
import io.homegrid.routes.parser.ParserSettings;
import io.homegrid.routes.rest.PushSettings;
import io.homegrid.replay.ReplaySettings;
import io.homegrid.routes.rest.RequestLimits;
import io.homegrid.routes.rest.RestSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Each default lives in its service's settings record. The metatype annotations take theirs
 * from it by reference (each component test checks that); what cannot refer to Java — the
 * Karaf feature's configuration and the command line — is proven equal here.
 */
class BackendDefaultsTest {

    private static final Path PAX_WEB = Path.of("..", "features", "distribution", "src", "main", "resources", "assembly",
            "etc", "org.ops4j.pax.web.cfg");
    private static final Path FEATURE = Path.of("..", "features", "repository", "src", "main", "feature", "feature.xml");

    @Test
    void theKarafFeatureConfiguresTheSettingsRecordsDefaults() throws IOException {
        assertThat(config("io.homegrid.ingest")).containsOnly(
                entry("maxBatchSize", Limits.DEFAULT.maxBatchSize()),
                entry("maxFutureSkewSeconds", Limits.DEFAULT.maxFutureSkew().toSeconds()));
        assertThat(config("io.homegrid.parser")).containsOnly(entry("consumers", ParserSettings.DEFAULT.consumers()));
        assertThat(config("io.homegrid.rest")).containsOnly(
                entry("address", RestSettings.DEFAULT.address()),
                entry("maxBodyBytes", PushSettings.DEFAULT.maxBodyBytes()),
                entry("maxIngestLagSeconds", PushSettings.DEFAULT.maxIngestLagSeconds()),
                entry("maxBrokerStorePercent", PushSettings.DEFAULT.maxBrokerStorePercent()),
                entry("liveStreamsPerIdentity", RestSettings.DEFAULT.requests().liveStreamsPerIdentity()),
                entry("commandPollsPerGateway", RestSettings.DEFAULT.requests().commandPollsPerGateway()),
                entry("requestsPerSecond", RestSettings.DEFAULT.requests().requestsPerSecond()),
                entry("requestBurst", RestSettings.DEFAULT.requests().requestBurst()),
                entry("heldRequests", RestSettings.DEFAULT.requests().heldRequests()));
        Properties paxWeb = new Properties();
        try (Reader reader = Files.newBufferedReader(PAX_WEB)) {
            paxWeb.load(reader);
        }
        assertThat(paxWeb.getProperty("org.ops4j.pax.web.server.maxThreads"))
                .isEqualTo(String.valueOf(RestSettings.DEFAULT.requests().serverThreads()));
        PersistenceSettings persistence = PersistenceSettings.DEFAULT;
        assertThat(config("io.homegrid.persistence")).containsOnly(
                entry("consumers", persistence.consumers()),
                entry("maxReadingsPerCommit", persistence.maxReadingsPerCommit()),
                entry("rawRetentionDays", persistence.rawRetentionDays()),
                entry("paused", persistence.paused()));
        CepSettings cep = CepSettings.DEFAULT;
        assertThat(config("io.homegrid.cep")).containsOnly(
                entry("latenessSeconds", cep.lateness().toSeconds()),
                entry("switchThreshold", (long) cep.switchThreshold()),
                entry("peakLimit", (long) cep.peakLimit()),
                entry("cycleHours", cep.cycleHours()),
                entry("minTemperature", (long) cep.minTemperature()));
        assertThat(config("io.homegrid.replay")).containsOnly(
                entry("pageSize", ReplaySettings.DEFAULT.pageSize()),
                entry("maxRunning", ReplaySettings.DEFAULT.maxRunning()),
                entry("progressMillis", ReplaySettings.DEFAULT.progressEvery().toMillis()));
        assertThat(config("io.homegrid.bus")).contains(
                entry("brokerName", BusSettings.DEFAULT_BROKER_NAME),
                entry("brokerUrl", BusSettings.DEFAULT_BROKER_URL),
                entry("poolMaxConnections", BusSettings.DEFAULT_POOL_MAX_CONNECTIONS));
    }

    @Test
    void theCommandLineDefaultsAreTheSettingsRecords() {
        CommandSpec backend = new CommandLine(new BackendCommand()).getCommandSpec();

        assertThat(backend.findOption("--parser-consumers").defaultValue())
                .isEqualTo(String.valueOf(ParserSettings.DEFAULT.consumers()));
        assertThat(backend.findOption("--cep-lateness").defaultValue())
                .isEqualTo(String.valueOf(CepSettings.DEFAULT.lateness().toSeconds()));
        for (String[] option : new String[][] {
            {"--live-streams-per-identity", "" + RequestLimits.DEFAULT.liveStreamsPerIdentity()},
            {"--command-polls-per-gateway", "" + RequestLimits.DEFAULT.commandPollsPerGateway()},
            {"--requests-per-second", "" + RequestLimits.DEFAULT.requestsPerSecond()},
            {"--request-burst", "" + RequestLimits.DEFAULT.requestBurst()},
            {"--held-requests", "" + RequestLimits.DEFAULT.heldRequests()},
            {"--max-ingest-lag", "" + PushSettings.DEFAULT.maxIngestLagSeconds()},
            {"--raw-retention-days", "" + PersistenceSettings.DEFAULT.rawRetentionDays()}}) {
            assertThat(backend.findOption(option[0]).defaultValue()).as(option[0]).isEqualTo(option[1]);
        }
        BackendConfig defaults = BackendConfig.defaults(8080, Path.of("data"));
        assertThat(defaults.rest().requests()).isEqualTo(RequestLimits.DEFAULT);
        assertThat(defaults.parser()).isEqualTo(ParserSettings.DEFAULT);
        assertThat(defaults.rest().push()).isEqualTo(PushSettings.DEFAULT);
        assertThat(defaults.persistence()).isEqualTo(PersistenceSettings.DEFAULT);
        assertThat(defaults.cep()).isEqualTo(CepSettings.DEFAULT);
    }

    /** The push interface and the parser of one embedded backend are handed one Limits object. */
    @Test
    void oneSetOfLimitsGovernsThePushInterfaceAndTheParser() {
        BackendConfig raised = new BackendConfig("127.0.0.1", 8080, Path.of("data"), null, null, null,
                BackendConfig.defaults(8080, Path.of("data")).brokerPorts(), Limits.DEFAULT.withMaxBatchSize(2_000),
                PushSettings.DEFAULT_MAX_BODY_BYTES, PushSettings.DEFAULT_MAX_INGEST_LAG_SECONDS, 2, PersistenceSettings.DEFAULT,
                CepSettings.DEFAULT, 0, null, null,
                RequestLimits.DEFAULT, io.homegrid.sharing.SharingSettings.DEFAULT, null);

        assertThat(raised.parser().limits()).isSameAs(raised.rest().push().limits());
        assertThat(raised.parser().limits().maxBatchSize()).isEqualTo(2_000);
    }

    @Test
    void theBrokerKeepsTheQueuesTheServicesConsume() {
        List<String> consumed = new java.util.ArrayList<>(List.of(PersistenceConnector.readingsQueue(),
                CepService.readingsQueue(), PersistenceConnector.cepQueue()));
        consumed.addAll(io.homegrid.sharing.SharingService.queues());
        assertThat(BusSettings.DEFAULT_DURABLE_QUEUES).containsExactlyInAnyOrderElementsOf(consumed);
    }

    private static Map.Entry<String, String> entry(String key, Object value) {
        return Map.entry(key, String.valueOf(value));
    }

    private static Map<String, String> config(String pid) throws IOException {
        Matcher block = Pattern.compile("<config name=\"" + Pattern.quote(pid) + "\"[^>]*>(.*?)</config>", Pattern.DOTALL)
                .matcher(Files.readString(FEATURE));
        assertThat(block.find()).as("a <config> for %s in %s", pid, FEATURE).isTrue();
        Properties properties = new Properties();
        properties.load(new StringReader(block.group(1)));
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }
}
