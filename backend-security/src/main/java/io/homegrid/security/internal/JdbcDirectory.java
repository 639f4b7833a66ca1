package io.homegrid.security.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.homegrid.model.validation.Identifiers;
import io.homegrid.security.AccessException;
import io.homegrid.security.AccessException.Kind;
import io.homegrid.security.ApplicationAccount;
import io.homegrid.security.Directory;
import io.homegrid.security.GatewayRegistration;
import io.homegrid.security.Grant;
import io.homegrid.security.Household;
import io.homegrid.security.Role;
import io.homegrid.security.Scope;
import io.homegrid.security.UserAccount;

/** The directory in PostgreSQL (schema V3). Tells the caches what changed, so this instance sees it at once. */
public final class JdbcDirectory implements Directory {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int MAX_NAME = 200;

    private final Jdbc jdbc;
    private final Clock clock;
    private final Invalidation invalidation;

    /** Which cached entries a change makes stale. */
    public interface Invalidation {
        void gateway(String gateway);

        void application(String clientId);
    }

    public JdbcDirectory(javax.sql.DataSource dataSource, Clock clock, Invalidation invalidation) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
        this.invalidation = invalidation;
    }

    @Override
    public Household createHousehold(String name, ZoneId timeZone) {
        Household household = new Household("hh-" + Secrets.newSecret().substring(0, 10).toLowerCase().replace('_', 'x')
                .replace('-', 'y'), text(name, "name"), timeZone, clock.instant());
        jdbc.update("INSERT INTO household (household_id, name, time_zone, created) VALUES (?, ?, ?, ?)",
                household.id(), household.name(), timeZone.getId(), household.created());
        return household;
    }

    @Override
    public List<Household> households() {
        return jdbc.query("SELECT * FROM household ORDER BY created, household_id", JdbcDirectory::household);
    }

    @Override
    public Optional<Household> household(String id) {
        return jdbc.query("SELECT * FROM household WHERE household_id = ?", JdbcDirectory::household, id).stream().findFirst();
    }

    @Override
    public UserAccount createUser(String username, String password, Role role, String household) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new AccessException(Kind.INVALID, "username", "1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
        if (password == null || password.length() < Passwords.MIN_LENGTH || password.length() > Passwords.MAX_LENGTH) {
            throw new AccessException(Kind.INVALID, "password", "must be " + Passwords.MIN_LENGTH + " to "
                    + Passwords.MAX_LENGTH + " characters");
        }
        if (role.householdless() != (household == null)) {
            throw new AccessException(Kind.INVALID, "role", role.householdless() ? role.wire() + "s belong to no household"
                    : role.wire() + " needs a household");
        }
        if (gateway(username).isPresent()) {
            throw new AccessException(Kind.CONFLICT, "username", "'" + username + "' is a gateway's id");
        }
        requireHousehold(household);
        UserAccount account = new UserAccount(username, role, household, clock.instant());
        try {
            jdbc.update("INSERT INTO app_user (username, password_hash, role, household_id, created) VALUES (?, ?, ?, ?, ?)",
                    username, Passwords.hash(password), role.wire(), household, account.created());
        } catch (Jdbc.DuplicateKeyException e) {
            throw new AccessException(Kind.CONFLICT, "username", "user '" + username + "' exists");
        }
        return account;
    }

    @Override
    public List<UserAccount> users(String household) {
        return jdbc.query("SELECT * FROM app_user WHERE ?::text IS NULL OR household_id = ? ORDER BY username",
                row -> new UserAccount(row.getString("username"), Role.of(row.getString("role")).orElseThrow(),
                        row.getString("household_id"), Jdbc.instant(row, "created")), household, household);
    }

    /** The stored bcrypt hash, role and household of a user, for logging in. */
    Optional<StoredUser> storedUser(String username) {
        return jdbc.query("SELECT * FROM app_user WHERE username = ?", row -> new StoredUser(row.getString("password_hash"),
                Role.of(row.getString("role")).orElseThrow(), row.getString("household_id")), username).stream().findFirst();
    }

    record StoredUser(String passwordHash, Role role, String household) {
    }

    @Override
    public String registerGateway(GatewayRegistration registration) {
        String gateway = registration.gateway();
        if (gateway == null || !Identifiers.isValid(gateway)) {
            throw new AccessException(Kind.INVALID, "gateway", "1 to 64 of A-Z, a-z, 0-9, '.', '_', ':' and '-'");
        }
        requireHousehold(registration.household());
        optionalText(registration.name(), "name");
        optionalText(registration.description(), "description");
        range(registration.latitude(), 90, "location.lat");
        range(registration.longitude(), 180, "location.lon");
        if (storedUser(gateway).isPresent()) {
            throw new AccessException(Kind.CONFLICT, "gateway", "'" + gateway + "' is a user's name");
        }
        String secret = Secrets.newSecret();
        Instant now = clock.instant();
        try {
            jdbc.update("INSERT INTO gateway_registration (gateway_id, household_id, name, description, latitude, longitude,"
                    + " secret_sha256, registered, secret_changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", gateway,
                    registration.household(), registration.name(), registration.description(), registration.latitude(),
                    registration.longitude(), Secrets.sha256(secret), now, now);
        } catch (Jdbc.DuplicateKeyException e) {
            throw new AccessException(Kind.CONFLICT, "gateway", "gateway '" + gateway + "' is registered already");
        }
        invalidation.gateway(gateway);
        return secret;
    }

    @Override
    public List<GatewayRegistration> gateways(String household) {
        return jdbc.query("SELECT * FROM gateway_registration WHERE ?::text IS NULL OR household_id = ? ORDER BY gateway_id",
                JdbcDirectory::registration, household, household);
    }

    @Override
    public Optional<GatewayRegistration> gateway(String gateway) {
        return jdbc.query("SELECT * FROM gateway_registration WHERE gateway_id = ?", JdbcDirectory::registration, gateway)
                .stream().findFirst();
    }

    /** The household and secret digest of a gateway, for authenticating it. */
    Optional<StoredGateway> storedGateway(String gateway) {
        return jdbc.query("SELECT household_id, secret_sha256 FROM gateway_registration WHERE gateway_id = ?",
                row -> new StoredGateway(row.getString("household_id"), row.getBytes("secret_sha256")), gateway)
                .stream().findFirst();
    }

    /** @param secretSha256 null once revoked */
    record StoredGateway(String household, byte[] secretSha256) {
    }

    @Override
    public String rotateSecret(String gateway) {
        String secret = Secrets.newSecret();
        setSecret(gateway, Secrets.sha256(secret));
        return secret;
    }

    @Override
    public void revokeSecret(String gateway) {
        setSecret(gateway, null);
    }

    private void setSecret(String gateway, byte[] sha256) {
        int changed = jdbc.update("UPDATE gateway_registration SET secret_sha256 = ?, secret_changed = ? WHERE gateway_id = ?",
                sha256, clock.instant(), gateway);
        invalidation.gateway(gateway);
        if (changed == 0) {
            throw new AccessException(Kind.NOT_FOUND, "gateway", "no gateway '" + gateway + "' is registered");
        }
    }

    @Override
    public String registerApplication(String clientId, String name) {
        if (clientId == null || !Identifiers.isValid(clientId)) {
            throw new AccessException(Kind.INVALID, "clientId", "1 to 64 of A-Z, a-z, 0-9, '.', '_', ':' and '-'");
        }
        String secret = Secrets.newSecret();
        try {
            jdbc.update("INSERT INTO application (client_id, name, secret_sha256, created) VALUES (?, ?, ?, ?)", clientId,
                    text(name, "name"), Secrets.sha256(secret), clock.instant());
        } catch (Jdbc.DuplicateKeyException e) {
            throw new AccessException(Kind.CONFLICT, "clientId", "application '" + clientId + "' exists");
        }
        return secret;
    }

    @Override
    public List<ApplicationAccount> applications() {
        return jdbc.query("SELECT * FROM application ORDER BY client_id", row -> new ApplicationAccount(
                row.getString("client_id"), row.getString("name"), Jdbc.instant(row, "created")));
    }

    /** The secret digest of an application, for its client-credentials log-in. */
    Optional<byte[]> applicationSecret(String clientId) {
        return jdbc.query("SELECT secret_sha256 FROM application WHERE client_id = ?", row -> row.getBytes(1), clientId)
                .stream().findFirst();
    }

    @Override
    public Grant grant(Grant request) {
        requireHousehold(request.household());
        if (request.scopes().isEmpty()) {
            throw new AccessException(Kind.INVALID, "scopes", "grant at least one scope");
        }
        if (jdbc.query("SELECT 1 FROM application WHERE client_id = ?", row -> 1, request.application()).isEmpty()) {
            throw new AccessException(Kind.NOT_FOUND, "application", "no application '" + request.application() + "' is registered");
        }
        Instant now = clock.instant();
        if (request.expires() != null && !request.expires().isAfter(now)) {
            throw new AccessException(Kind.INVALID, "expires", "must be in the future");
        }
        long id = jdbc.query("INSERT INTO access_grant (household_id, client_id, scopes, devices, sensors, history_s, expires, created)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING grant_id", row -> row.getLong(1), request.household(),
                request.application(), request.scopes().stream().map(Scope::wire).sorted().toArray(String[]::new),
                array(request.devices()), array(request.sensors()),
                request.history() == null ? null : request.history().getSeconds(), request.expires(), now).get(0);
        invalidation.application(request.application());
        return new Grant(id, request.household(), request.application(), request.scopes(), request.devices(),
                request.sensors(), request.history(), request.expires(), now, null);
    }

    @Override
    public List<Grant> grants(String household) {
        return jdbc.query("SELECT * FROM access_grant WHERE ?::text IS NULL OR household_id = ? ORDER BY grant_id",
                JdbcDirectory::grant, household, household);
    }

    /** Grants of an application that are not revoked (expiry is the caller's to check). */
    List<Grant> unrevokedGrants(String clientId) {
        return jdbc.query("SELECT * FROM access_grant WHERE client_id = ? AND revoked IS NULL ORDER BY grant_id",
                JdbcDirectory::grant, clientId);
    }

    @Override
    public Optional<Grant> revokeGrant(String household, long id) {
        Optional<Grant> revoked = jdbc.query("UPDATE access_grant SET revoked = ? WHERE grant_id = ? AND household_id = ?"
                + " AND revoked IS NULL RETURNING *", JdbcDirectory::grant, clock.instant(), id, household).stream().findFirst();
        revoked.ifPresent(grant -> invalidation.application(grant.application()));
        return revoked;
    }

    private void requireHousehold(String household) {
        if (household != null && household(household).isEmpty()) {
            throw new AccessException(Kind.NOT_FOUND, "household", "no household '" + household + "'");
        }
    }

    private static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new AccessException(Kind.INVALID, field, "must not be empty");
        }
        return optionalText(value, field);
    }

    private static String optionalText(String value, String field) {
        if (value != null && (value.length() > MAX_NAME || value.chars().anyMatch(Character::isISOControl))) {
            throw new AccessException(Kind.INVALID, field, "at most " + MAX_NAME + " characters, none of them control characters");
        }
        return value;
    }

    private static void range(Double value, double limit, String field) {
        if (value != null && !(value >= -limit && value <= limit)) {
            throw new AccessException(Kind.INVALID, field, "must be between -" + (int) limit + " and " + (int) limit);
        }
    }

    private static String[] array(Set<String> values) {
        return values.isEmpty() ? null : values.stream().sorted().toArray(String[]::new);
    }

    private static Household household(ResultSet row) throws SQLException {
        return new Household(row.getString("household_id"), row.getString("name"), ZoneId.of(row.getString("time_zone")),
                Jdbc.instant(row, "created"));
    }

    private static GatewayRegistration registration(ResultSet row) throws SQLException {
        return new GatewayRegistration(row.getString("gateway_id"), row.getString("household_id"), row.getString("name"),
                row.getString("description"), (Double) row.getObject("latitude"), (Double) row.getObject("longitude"),
                row.getBytes("secret_sha256") != null, Jdbc.instant(row, "registered"), Jdbc.instant(row, "secret_changed"));
    }

    private static Grant grant(ResultSet row) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        strings(row.getArray("scopes")).forEach(wire -> Scope.of(wire).ifPresent(scopes::add));
        long seconds = row.getLong("history_s");
        Duration history = row.wasNull() ? null : Duration.ofSeconds(seconds);
        return new Grant(row.getLong("grant_id"), row.getString("household_id"), row.getString("client_id"), scopes,
                strings(row.getArray("devices")), strings(row.getArray("sensors")),
                history, Jdbc.instant(row, "expires"),
                Jdbc.instant(row, "created"), Jdbc.instant(row, "revoked"));
    }

    private static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf)
                .collect(Collectors.toUnmodifiableSet());
    }
}
