package io.homegrid.routes.rest.internal.live;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One thing the live channel carries, numbered in the order this instance received it.
 *
 * @param kind    {@code reading}, {@code relay}, {@code device}, {@code aggregate}, {@code event}, {@code replay}
 *                or {@code community}
 * @param gateway the gateway it is about; null for a replay's progress and a community's residual load
 * @param household the household, for a replay's progress (readings and outputs: looked up by gateway)
 * @param device  null for household-wide outputs and replays
 * @param sensor  the sensor kind of a reading; null otherwise
 * @param community the community whose residual load it is; null otherwise
 */
record LiveMessage(long id, String kind, String gateway, String household, String device, String sensor,
        String community, JsonNode data) {
}
