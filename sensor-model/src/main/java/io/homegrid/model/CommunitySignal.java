package io.homegrid.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A community's residual load as it stands, sent every few seconds to each member household's
 * gateway over its command channel, for its community agent: the batteries discharge above
 * {@code limitWatts} and recharge below {@code lowerLimitWatts}. Only heard, never answered; one
 * that waits too long in the gateway's queue expires, as a newer one follows.
 *
 * @param measuredAt the newest reading the residual includes, batteries' own power among them
 * @param batteries  the community's batteries reporting now, which share the power needed
 */
public record CommunitySignal(String id, String community, Instant measuredAt, double residualWatts,
        double limitWatts, double lowerLimitWatts, int batteries, int households) implements GatewayCommand {

    public CommunitySignal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(community, "community");
        Objects.requireNonNull(measuredAt, "measuredAt");
    }

    @Override
    public boolean answered() {
        return false;
    }
}
