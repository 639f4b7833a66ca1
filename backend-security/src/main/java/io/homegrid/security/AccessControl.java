package io.homegrid.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authentication and the look-ups every request needs. Offered as an OSGi service by the
 * security bundle; embedded, {@link AccessService#access()}.
 */
public interface AccessControl {

    /**
     * The caller named by an {@code Authorization} header: {@code Bearer <token>} for people and
     * applications, {@code Basic} with a gateway's id and secret, a user's name and password, or
     * an application's client id and secret.
     */
    Caller authenticate(String authorization) throws AuthenticationException;

    /** Logs a person in: the OAuth2 password grant. */
    AccessToken login(String username, String password) throws AuthenticationException;

    /** Logs an application in: the OAuth2 client-credentials grant. */
    AccessToken clientToken(String clientId, String secret) throws AuthenticationException;

    /** The household a registered gateway belongs to; empty for an unregistered one. */
    Optional<String> householdOf(String gateway);

    /** The application's grants in force, across households; a revocation shows within a second. */
    List<Grant> grantsOf(String application);

    /**
     * The gateways whose data of this scope (null: any) the caller may read: its household's for
     * people, those of the households its grants in force cover for an application, none for a
     * gateway.
     *
     * @return empty for an operator, who reads every gateway
     */
    Optional<Set<String>> readableGateways(Caller caller, Scope scope);

    Directory directory();

    Communities communities();

    AuditLog audit();
}
