package io.homegrid.security;

import java.time.Clock;
import java.util.Optional;

import javax.sql.DataSource;

import io.homegrid.bus.OutsideClients;
import io.homegrid.security.internal.AccessControlImpl;
import io.homegrid.security.internal.BrokerClients;
import io.homegrid.security.internal.FirstOperator;
import io.homegrid.security.internal.Passwords;
import io.homegrid.security.internal.TokenKeys;
import io.homegrid.security.internal.TokenSigner;

/**
 * The access-control service: the one assembly the DS component and the embedded launcher start,
 * on a migrated schema. It loads (or makes) the token key and makes sure an operator exists.
 */
public final class AccessService {

    private final AccessControl access;
    private final String generatedAdminPassword;

    private AccessService(AccessControl access, String generatedAdminPassword) {
        this.access = access;
        this.generatedAdminPassword = generatedAdminPassword;
    }

    public static AccessService start(AccessSettings settings, DataSource dataSource, Clock clock) {
        TokenSigner tokens = new TokenSigner(TokenKeys.load(dataSource, clock), settings.tokenLifetime(), clock);
        AccessControl access = new AccessControlImpl(dataSource, tokens, clock);
        Optional<String> generated = FirstOperator.ensure(access.directory(), settings.adminPassword(),
                settings.adminPasswordFile());
        return new AccessService(access, generated.orElse(null));
    }

    public AccessControl access() {
        return access;
    }

    /** Who may log in to the broker from outside (MQTT, STOMP), checked by this access control. */
    public OutsideClients brokerClients() {
        return new BrokerClients(access);
    }

    /** The first operator's password, when this start generated it: to be shown once, never logged. */
    public Optional<String> generatedAdminPassword() {
        return Optional.ofNullable(generatedAdminPassword);
    }

    /** A generated password for a person, as the first operator gets one. */
    public static String newPassword() {
        return Passwords.generate();
    }

    /** The first operator's user name. */
    public static String adminUsername() {
        return FirstOperator.USERNAME;
    }
}
