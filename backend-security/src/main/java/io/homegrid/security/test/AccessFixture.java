package io.homegrid.security.test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.homegrid.security.AccessControl;
import io.homegrid.security.AccessService;
import io.homegrid.security.AccessSettings;
import io.homegrid.security.AuthenticationException;
import io.homegrid.security.BasicCredentials;
import io.homegrid.security.GatewayRegistration;
import io.homegrid.security.Household;
import io.homegrid.security.Role;
import io.homegrid.sql.SchemaMigrator;

/**
 * Identities for tests that talk to a running API: gateways registered on first use (to the
 * default household, or one of the test's), an operator, and people of any household. Everything
 * goes through the real {@link AccessService} on the given (real) database.
 */
public final class AccessFixture {

    /** The operator {@code admin}'s password when this fixture started access control. */
    public static final String ADMIN_PASSWORD = "test-admin-password";
    /** An operator of the fixture's own, made on first use, so that it works on any backend. */
    private static final String OPERATOR = "fixture-operator";
    private static final String OPERATOR_PASSWORD = "fixture-operator-password";

    private final AccessControl access;
    private final Map<String, String> gatewaySecrets = new ConcurrentHashMap<>();
    /** The operator's header, logged in once: each log-in is a bcrypt check. */
    private String operator;

    private AccessFixture(AccessControl access) {
        this.access = access;
    }

    /** Migrates the database and starts access control on it. */
    public static AccessFixture on(DataSource dataSource) {
        SchemaMigrator.migrate(dataSource);
        return around(AccessService.start(new AccessSettings(Duration.ofMinutes(15), ADMIN_PASSWORD, null), dataSource,
                Clock.systemUTC()));
    }

    /** Around a service some backend already started. */
    public static AccessFixture around(AccessService service) {
        return around(service.access());
    }

    /** Around the access control a backend offers (in OSGi, its service). */
    public static AccessFixture around(AccessControl access) {
        return new AccessFixture(access);
    }

    public AccessControl access() {
        return access;
    }

    /** The secret of a gateway of the default household, registered the first time it is asked for. */
    public String gatewaySecret(String gateway) {
        return gatewaySecret(gateway, Household.DEFAULT);
    }

    public String gatewaySecret(String gateway, String household) {
        // A gateway registered before (a restarted backend, another fixture) gets a new secret.
        return gatewaySecrets.computeIfAbsent(gateway, id -> access().directory().gateway(id).isPresent()
                ? access().directory().rotateSecret(id)
                : access().directory().registerGateway(new GatewayRegistration(id, household, null, null, null, null, true,
                        null, null)));
    }

    /** {@code Authorization} header value for the gateway (registered on first use). */
    public String gateway(String gateway) {
        return basic(gateway, gatewaySecret(gateway));
    }

    /** {@code Authorization} header value for an operator. */
    public synchronized String operator() {
        if (operator == null) {
            if (access().directory().users(null).stream().noneMatch(user -> user.username().equals(OPERATOR))) {
                access().directory().createUser(OPERATOR, OPERATOR_PASSWORD, Role.OPERATOR, null);
            }
            operator = bearer(OPERATOR, OPERATOR_PASSWORD);
        }
        return operator;
    }

    public Household household(String name) {
        return access().directory().createHousehold(name, ZoneId.of("UTC"));
    }

    /** Creates a person of the household and answers their {@code Authorization} header value. */
    public String person(String username, Role role, String household) {
        String password = username + "-password";
        access().directory().createUser(username, password, role, household);
        return bearer(username, password);
    }

    public String bearer(String username, String password) {
        try {
            return "Bearer " + access().login(username, password).value();
        } catch (AuthenticationException e) {
            throw new IllegalStateException("cannot log " + username + " in", e);
        }
    }

    public static String basic(String name, String secret) {
        return new BasicCredentials(name, secret).header();
    }
}
