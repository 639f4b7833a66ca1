package io.homegrid.cep.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.runtime.client.UpdateListener;

import io.homegrid.cep.CommunityMembership;
import io.homegrid.model.CepOutput;
import io.homegrid.model.CommunityResidual;

/**
 * Sums the member households' minutes into each community's residual load. Every household's
 * runtime closes its minutes on its own event time, so a community's minute is published once
 * every member gateway has reported it, or {@code settle} after the minute ended (and after its
 * first report came) for members that are silent or late. A report for a minute already
 * published is counted and left out: the published residual is never changed afterwards.
 * Not thread-safe: the engine serialises calls.
 */
public final class CommunityMinutes {

    /** What a household's minute statement reports. */
    public enum Part { DEMAND, GENERATION, BATTERY }

    private static final Logger LOG = LoggerFactory.getLogger(CommunityMinutes.class);
    private static final long MINUTE = 60_000;

    private final CommunityMembership membership;
    private final Consumer<CepOutput> sink;
    private final long settle;
    private final Map<String, Map<Long, Open>> open = new HashMap<>();
    private final Map<String, Long> published = new HashMap<>();
    private final AtomicLong late = new AtomicLong();

    private static final class Open {
        final long firstReport;
        final double[] watts = new double[Part.values().length];
        final Set<String> gateways = new HashSet<>();
        final Set<String> households = new HashSet<>();

        Open(long firstReport) {
            this.firstReport = firstReport;
        }
    }

    /** @param settle how long after a minute's end (wall clock) its silent members are waited for */
    public CommunityMinutes(CommunityMembership membership, Consumer<CepOutput> sink, long settle) {
        this.membership = membership;
        this.sink = sink;
        this.settle = settle;
    }

    /**
     * Listens to one of a household's minute statements (gateway, minuteStart, watts per device).
     *
     * @param wallClock the wall clock, read when a report first opens a community's minute
     */
    UpdateListener listener(Part part, LongSupplier wallClock) {
        return (newEvents, oldEvents, statement, runtime) -> {
            if (newEvents != null) {
                add(part, newEvents, wallClock.getAsLong());
            }
        };
    }

    private void add(Part part, EventBean[] events, long now) {
        Map<String, CommunityMembership.Member> members = membership.gateways();
        for (EventBean event : events) {
            String gateway = (String) event.get("gateway");
            CommunityMembership.Member member = members.get(gateway);
            if (member == null) {
                continue;
            }
            long minute = (Long) event.get("minuteStart");
            for (String community : member.communities()) {
                if (minute <= published.getOrDefault(community, Long.MIN_VALUE)) {
                    if (late.incrementAndGet() % 100 == 1) {
                        LOG.info("[{}] a report for community '{}''s minute {} came after it was published; left out "
                                + "({} so far)", gateway, community, Instant.ofEpochMilli(minute), late.get());
                    }
                    continue;
                }
                Open minuteOpen = open.computeIfAbsent(community, c -> new HashMap<>())
                        .computeIfAbsent(minute, m -> new Open(now));
                minuteOpen.watts[part.ordinal()] += (Double) event.get("watts");
                minuteOpen.gateways.add(gateway);
                minuteOpen.households.add(member.household());
            }
        }
    }

    /** Publishes every minute whose members have all reported, or whose wait is over. */
    public void flush(long now) {
        if (open.isEmpty()) {
            return;
        }
        Map<String, Set<String>> expected = new HashMap<>();
        membership.gateways().forEach((gateway, member) -> member.communities()
                .forEach(community -> expected.computeIfAbsent(community, c -> new HashSet<>()).add(gateway)));
        for (Iterator<Map.Entry<String, Map<Long, Open>>> communities = open.entrySet().iterator(); communities.hasNext();) {
            Map.Entry<String, Map<Long, Open>> community = communities.next();
            Set<String> gateways = expected.getOrDefault(community.getKey(), Set.of());
            long until = Long.MIN_VALUE;
            for (Map.Entry<Long, Open> minute : community.getValue().entrySet()) {
                Open minuteOpen = minute.getValue();
                if (minuteOpen.gateways.containsAll(gateways)
                        || now >= Math.max(minute.getKey() + MINUTE, minuteOpen.firstReport) + settle) {
                    until = Math.max(until, minute.getKey());
                }
            }
            // minutes go out in order: one still waiting before a ready one goes with it, as it stands
            List<Long> ready = new ArrayList<>();
            for (long minute : community.getValue().keySet()) {
                if (minute <= until) {
                    ready.add(minute);
                }
            }
            ready.sort(Comparator.naturalOrder());
            for (long minute : ready) {
                Open minuteOpen = community.getValue().remove(minute);
                published.merge(community.getKey(), minute, Math::max);
                sink.accept(new CommunityResidual(community.getKey(), Instant.ofEpochMilli(minute),
                        minuteOpen.watts[Part.DEMAND.ordinal()], minuteOpen.watts[Part.GENERATION.ordinal()],
                        minuteOpen.watts[Part.BATTERY.ordinal()], minuteOpen.households.size()).toOutput());
            }
            if (community.getValue().isEmpty()) {
                communities.remove();
            }
        }
    }

    /** Reports that came after their community's minute was published. */
    public long late() {
        return late.get();
    }
}
