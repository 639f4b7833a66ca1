package io.homegrid.security;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Households, people, gateways, applications and grants. Each change is checked here (names,
 * lengths, duplicates) and refused with an {@link AccessException} naming the field; who may make
 * it is the API's business.
 */
public interface Directory {

    Household createHousehold(String name, ZoneId timeZone);

    List<Household> households();

    Optional<Household> household(String id);

    /** @param household null for an operator */
    UserAccount createUser(String username, String password, Role role, String household);

    /** @param household null: every user */
    List<UserAccount> users(String household);

    /** Registers a gateway and answers its secret; this is the only time the secret is shown. */
    String registerGateway(GatewayRegistration registration);

    /** @param household null: every gateway */
    List<GatewayRegistration> gateways(String household);

    Optional<GatewayRegistration> gateway(String gateway);

    /** A new secret for the gateway; the old one stops working at once. */
    String rotateSecret(String gateway);

    /** The gateway can no longer connect until a secret is rotated. */
    void revokeSecret(String gateway);

    /** Registers an application and answers its client secret, shown only this once. */
    String registerApplication(String clientId, String name);

    List<ApplicationAccount> applications();

    /** Records a grant; its id, created and revoked are set here. */
    Grant grant(Grant request);

    /** @param household null: every grant */
    List<Grant> grants(String household);

    /** Revokes a grant of the household; empty when it has no such grant in force. */
    Optional<Grant> revokeGrant(String household, long id);
}
