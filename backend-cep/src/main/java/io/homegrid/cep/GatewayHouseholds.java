package io.homegrid.cep;

import java.util.Optional;

/**
 * Which household a gateway belongs to, so that a household's own statements run on its gateways
 * only. The engine asks once per gateway, when it first deploys statements there.
 */
@FunctionalInterface
public interface GatewayHouseholds {

    /** Every gateway of no household: for engines that run platform statements only. */
    GatewayHouseholds NONE = gateway -> Optional.empty();

    Optional<String> householdOf(String gateway);
}
