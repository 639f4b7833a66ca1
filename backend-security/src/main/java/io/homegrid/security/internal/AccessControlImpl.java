package io.homegrid.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.security.AccessControl;
import io.homegrid.security.AccessToken;
import io.homegrid.security.AuditLog;
import io.homegrid.security.AuthenticationException;
import io.homegrid.security.BasicCredentials;
import io.homegrid.security.Caller;
import io.homegrid.security.Communities;
import io.homegrid.security.Directory;
import io.homegrid.security.DirectoryUnavailableException;
import io.homegrid.security.GatewayRegistration;
import io.homegrid.security.Grant;
import io.homegrid.security.Scope;

/**
 * Authenticates callers against the directory. Gateways and grants are looked up on every
 * request but cached for at most {@link #FRESHNESS}, so that a push costs no query while a
 * revocation made on another backend instance takes effect within that time (at once on this one).
 */
public final class AccessControlImpl implements AccessControl, JdbcDirectory.Invalidation {

    private static final Logger LOG = LoggerFactory.getLogger(AccessControlImpl.class);

    static final Duration FRESHNESS = Duration.ofMillis(500);

    private final Cache<String, Optional<JdbcDirectory.StoredGateway>> gateways = Caffeine.newBuilder()
            .expireAfterWrite(FRESHNESS).maximumSize(100_000).build();
    /**
     * The last secret digest read for each gateway: while the database is away, gateways keep
     * pushing (the broker takes their readings) with the secret they had.
     */
    private final Cache<String, Optional<JdbcDirectory.StoredGateway>> lastKnown = Caffeine.newBuilder()
            .maximumSize(100_000).build();
    private final Cache<String, List<Grant>> grants = Caffeine.newBuilder()
            .expireAfterWrite(FRESHNESS).maximumSize(100_000).build();
    private final JdbcDirectory directory;
    private final JdbcCommunities communities;
    private final AuditLog audit;
    private final TokenSigner tokens;
    private final Clock clock;
    /** Checked against when a user is unknown, so that timing does not tell which names exist. */
    private final String decoyHash = Passwords.hash(Passwords.generate());

    public AccessControlImpl(javax.sql.DataSource dataSource, TokenSigner tokens, Clock clock) {
        this.directory = new JdbcDirectory(dataSource, clock, this);
        this.communities = new JdbcCommunities(dataSource, clock);
        this.audit = new JdbcAuditLog(dataSource, clock);
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public Optional<Set<String>> readableGateways(Caller caller, Scope scope) {
        Set<String> households;
        if (caller instanceof Caller.User user) {
            if (user.operator()) {
                return Optional.empty();
            }
            households = user.household() == null ? Set.of() : Set.of(user.household());
        } else if (caller instanceof Caller.Application application) {
            households = grantsOf(application.name()).stream()
                    .filter(grant -> scope == null || grant.covers(scope, null, null)).map(Grant::household)
                    .collect(Collectors.toSet());
        } else {
            households = Set.of();
        }
        return Optional.of(households.stream().flatMap(household -> directory.gateways(household).stream())
                .map(GatewayRegistration::gateway).collect(Collectors.toSet()));
    }

    @Override
    public Caller authenticate(String authorization) throws AuthenticationException {
        if (authorization == null || authorization.isBlank()) {
            throw new AuthenticationException("send credentials: Authorization: Bearer <token>, or Basic");
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String value = space < 0 ? "" : authorization.substring(space + 1).trim();
        if ("Bearer".equalsIgnoreCase(scheme)) {
            return tokens.verify(value);
        }
        if (BasicCredentials.isBasic(authorization)) {
            BasicCredentials credentials = BasicCredentials.parse(authorization);
            return basic(credentials.name(), credentials.secret());
        }
        throw new AuthenticationException("unsupported authorization scheme '" + scheme + "'");
    }

    private Caller basic(String name, String secret) throws AuthenticationException {
        Optional<JdbcDirectory.StoredGateway> gateway = gateways.get(name, this::storedGateway);
        if (gateway.isPresent()) {
            if (!Secrets.matches(secret, gateway.get().secretSha256())) {
                throw new AuthenticationException("wrong or revoked secret for gateway '" + name + "'");
            }
            return new Caller.Gateway(name, gateway.get().household());
        }
        Optional<Caller.User> user = user(name, secret);
        if (user.isPresent()) {
            return user.get();
        }
        if (directory.applicationSecret(name).filter(hash -> Secrets.matches(secret, hash)).isPresent()) {
            return new Caller.Application(name);
        }
        throw new AuthenticationException("wrong user name or password");
    }

    private Optional<Caller.User> user(String username, String password) {
        Optional<JdbcDirectory.StoredUser> stored = directory.storedUser(username);
        if (stored.isEmpty()) {
            Passwords.matches(password, decoyHash);
            return Optional.empty();
        }
        if (!Passwords.matches(password, stored.get().passwordHash())) {
            return Optional.empty();
        }
        return Optional.of(new Caller.User(username, stored.get().role(), stored.get().household()));
    }

    @Override
    public AccessToken login(String username, String password) throws AuthenticationException {
        Caller.User user = user(username, password)
                .orElseThrow(() -> new AuthenticationException("wrong user name or password"));
        return tokens.issue(user);
    }

    @Override
    public AccessToken clientToken(String clientId, String secret) throws AuthenticationException {
        if (directory.applicationSecret(clientId).filter(hash -> Secrets.matches(secret, hash)).isEmpty()) {
            throw new AuthenticationException("wrong client id or secret");
        }
        return tokens.issue(new Caller.Application(clientId));
    }

    @Override
    public Optional<String> householdOf(String gateway) {
        return gateways.get(gateway, this::storedGateway).map(JdbcDirectory.StoredGateway::household);
    }

    private Optional<JdbcDirectory.StoredGateway> storedGateway(String gateway) {
        try {
            Optional<JdbcDirectory.StoredGateway> fresh = directory.storedGateway(gateway);
            lastKnown.put(gateway, fresh);
            return fresh;
        } catch (DirectoryUnavailableException e) {
            Optional<JdbcDirectory.StoredGateway> known = lastKnown.getIfPresent(gateway);
            if (known == null) {
                throw e;
            }
            LOG.warn("Database unavailable; gateway {} is checked against the secret it had ({})", gateway, e.getMessage());
            return known;
        }
    }

    @Override
    public List<Grant> grantsOf(String application) {
        return grants.get(application, directory::unrevokedGrants).stream().filter(grant -> grant.inForce(clock.instant()))
                .toList();
    }

    @Override
    public Directory directory() {
        return directory;
    }

    @Override
    public Communities communities() {
        return communities;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public void gateway(String gateway) {
        gateways.invalidate(gateway);
        lastKnown.invalidate(gateway);
    }

    @Override
    public void application(String clientId) {
        grants.invalidate(clientId);
    }
}
