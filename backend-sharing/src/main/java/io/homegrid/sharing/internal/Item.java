package io.homegrid.sharing.internal;

import java.time.Instant;

/**
 * One piece of a household's data for one application.
 *
 * @param key  the same on every attempt and for a re-sent original: the receiver's idempotency key
 * @param kind {@code reading}, {@code aggregate} or {@code event}
 * @param body the item as JSON
 */
public record Item(String application, String household, String key, String kind, String body, Instant created) {
}
