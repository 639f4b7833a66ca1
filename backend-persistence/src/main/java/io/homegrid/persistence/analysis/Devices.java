package io.homegrid.persistence.analysis;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;

/** What the analyses share: which devices an answer covers, and how it writes local times. */
final class Devices {

    private Devices() {
    }

    /** The gateways' power devices, or those of them that were asked for, in a stable order. */
    static List<String> included(PowerRollups source, Collection<String> gateways, Collection<String> asked) {
        List<String> all = source.powerDevices(gateways);
        return asked == null ? all : all.stream().filter(asked::contains).toList();
    }

    /** ISO-8601 local date and time with its offset, e.g. {@code 2026-03-29T03:00+02:00}. */
    static String local(Instant time, ZoneId zone) {
        return time.atZone(zone).toOffsetDateTime().toString();
    }
}
