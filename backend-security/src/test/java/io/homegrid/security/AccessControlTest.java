package io.homegrid.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.homegrid.security.test.AccessFixture;
import io.homegrid.sql.SchemaMigrator;
import io.homegrid.testing.TestPostgres;

/** Authentication against a real PostgreSQL: passwords, tokens, gateway secrets, grants. */
class AccessControlTest {

    private final DataSource database = TestPostgres.freshDatabase();
    private final AccessControl access = AccessFixture.on(database).access();

    @Test
    void aPersonLogsInWithTheirPasswordAndTheTokenNamesRoleAndHousehold() throws Exception {
        Household home = access.directory().createHousehold("Home", ZoneId.of("Europe/Berlin"));
        access.directory().createUser("alice", "long enough", Role.HOUSEHOLD_ADMIN, home.id());

        Caller caller = access.authenticate("Bearer " + access.login("alice", "long enough").value());

        assertThat(caller).isEqualTo(new Caller.User("alice", Role.HOUSEHOLD_ADMIN, home.id()));
        assertThatThrownBy(() -> access.login("alice", "wrong password")).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> access.login("nobody", "long enough")).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void passwordsAreStoredAsBcryptNeverAsTheyWere() throws Exception {
        access.directory().createUser("bob", "long enough", Role.OPERATOR, null);
        try (var c = database.getConnection(); var s = c.createStatement();
                var rows = s.executeQuery("SELECT password_hash FROM app_user WHERE username = 'bob'")) {
            rows.next();
            assertThat(rows.getString(1)).startsWith("$2").doesNotContain("long enough");
        }
    }

    @Test
    void aTamperedOrExpiredTokenIsRefused() throws Exception {
        access.directory().createUser("carol", "long enough", Role.OPERATOR, null);
        String token = access.login("carol", "long enough").value();
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThatThrownBy(() -> access.authenticate("Bearer " + forged)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> access.authenticate("Bearer " + parts[0] + "." + parts[1] + "."))
                .isInstanceOf(AuthenticationException.class);

        // the same database (and so the same key), an hour later
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        AccessControl anHourLater = AccessService.start(new AccessSettings(Duration.ofMinutes(15), null, null), database,
                later).access();
        assertThatThrownBy(() -> anHourLater.authenticate("Bearer " + token)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aRotatedOrRevokedGatewaySecretStopsWorkingAtOnce() throws Exception {
        String first = access.directory().registerGateway(new GatewayRegistration("gw-9", Household.DEFAULT, null, null,
                null, null, true, null, null));
        assertThat(access.authenticate(AccessFixture.basic("gw-9", first))).isEqualTo(new Caller.Gateway("gw-9", Household.DEFAULT));

        String second = access.directory().rotateSecret("gw-9");

        assertThatThrownBy(() -> access.authenticate(AccessFixture.basic("gw-9", first))).isInstanceOf(AuthenticationException.class);
        assertThat(access.authenticate(AccessFixture.basic("gw-9", second)).name()).isEqualTo("gw-9");
        access.directory().revokeSecret("gw-9");
        assertThatThrownBy(() -> access.authenticate(AccessFixture.basic("gw-9", second))).isInstanceOf(AuthenticationException.class);
        try (var c = database.getConnection(); var s = c.createStatement();
                var rows = s.executeQuery("SELECT count(*) FROM gateway_registration WHERE secret_sha256 IS NOT NULL")) {
            rows.next();
            assertThat(rows.getLong(1)).as("only digests are kept, and none once revoked").isZero();
        }
    }

    @Test
    void anApplicationSeesOnlyGrantsInForce() throws Exception {
        String secret = access.directory().registerApplication("utility", "A utility");
        Caller app = access.authenticate("Bearer " + access.clientToken("utility", secret).value());
        assertThat(app).isEqualTo(new Caller.Application("utility"));
        assertThatThrownBy(() -> access.clientToken("utility", "wrong")).isInstanceOf(AuthenticationException.class);

        Grant grant = access.directory().grant(new Grant(0, Household.DEFAULT, "utility", Set.of(Scope.READINGS_READ),
                Set.of(), Set.of("power"), Duration.ofDays(730), Instant.now().plus(Duration.ofDays(1)), null, null));
        assertThat(access.grantsOf("utility")).singleElement().satisfies(g -> {
            assertThat(g.covers(Scope.READINGS_READ, "any-plug", "power")).isTrue();
            assertThat(g.covers(Scope.READINGS_READ, "any-plug", "temperature")).isFalse();
            assertThat(g.covers(Scope.RELAY_WRITE, "any-plug", null)).isFalse();
            assertThat(g.history()).isEqualTo(Duration.ofDays(730));
        });

        access.directory().revokeGrant(Household.DEFAULT, grant.id());

        assertThat(access.grantsOf("utility")).isEmpty();
        assertThatThrownBy(() -> access.directory().grant(new Grant(0, Household.DEFAULT, "utility", Set.of(Scope.LIVE_READ),
                Set.of(), Set.of(), null, Instant.now().minusSeconds(1), null, null)))
                .isInstanceOf(AccessException.class).hasMessageContaining("future");
    }

    @Test
    void theFirstOperatorIsMadeOnceWithTheGivenPassword() throws Exception {
        DataSource fresh = TestPostgres.freshDatabase();
        SchemaMigrator.migrate(fresh);
        AccessService first = AccessService.start(new AccessSettings(Duration.ofMinutes(15), "given password", null), fresh,
                Clock.systemUTC());
        AccessService again = AccessService.start(new AccessSettings(Duration.ofMinutes(15), null, null), fresh,
                Clock.systemUTC());

        assertThat(first.generatedAdminPassword()).isEmpty();
        assertThat(again.generatedAdminPassword()).as("an operator exists: nothing is made").isEmpty();
        assertThat(again.access().login("admin", "given password").value()).isNotBlank();
    }
}
