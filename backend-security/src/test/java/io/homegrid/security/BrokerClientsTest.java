package io.homegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.homegrid.bus.OutsideClients;
import io.homegrid.security.test.AccessFixture;
import io.homegrid.sql.SchemaMigrator;
import io.homegrid.testing.MutableClock;
import io.homegrid.testing.TestPostgres;

/** Broker logins checked by access control: who gets in, what they see, and how long a token's login holds. */
class BrokerClientsTest {

    private final DataSource database = migrated(TestPostgres.freshDatabase());
    private final MutableClock clock = new MutableClock(Instant.now());
    private final AccessService service = AccessService.start(new AccessSettings(Duration.ofMinutes(15), null, null),
            database, clock);
    private final OutsideClients clients = service.brokerClients();

    private static DataSource migrated(DataSource database) {
        SchemaMigrator.migrate(database);
        return database;
    }

    @Test
    void aTokensLoginEndsWhenTheTokenExpires() throws Exception {
        AccessFixture fixture = AccessFixture.around(service);
        String home = fixture.household("broker-home").id();
        fixture.gatewaySecret("gw-broker", home);
        service.access().directory().createUser("bea", "long enough", Role.RESIDENT, home);
        String token = service.access().login("bea", "long enough").value();

        OutsideClients.Client byToken = clients.authenticate("Bearer", token).orElseThrow();
        OutsideClients.Client byPassword = clients.authenticate("bea", "long enough").orElseThrow();

        assertThat(byToken.gateways()).isEqualTo(Optional.of(Set.of("gw-broker")));
        assertThat(byToken.stillValid()).isTrue();
        clock.advance(Duration.ofMinutes(16));
        assertThat(byToken.stillValid()).isFalse();
        assertThat(byPassword.stillValid()).isTrue();
        assertThat(clients.authenticate("Bearer", token)).isEmpty();
    }

    @Test
    void wrongCredentialsAndGatewaysDoNotGetIn() {
        AccessFixture fixture = AccessFixture.around(service);
        String secret = fixture.gatewaySecret("gw-outside");

        assertThat(clients.authenticate("gw-outside", secret)).as("a gateway's secret").isEmpty();
        assertThat(clients.authenticate("nobody", "guess")).isEmpty();
        assertThat(clients.authenticate("Bearer", "not-a-token")).isEmpty();
        assertThat(clients.authenticate(null, null)).isEmpty();
    }
}
