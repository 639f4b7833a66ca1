package io.homegrid.cep.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.runtime.client.UpdateListener;

import io.homegrid.cep.CommunityMembership;
import io.homegrid.model.CepOutput;
import io.homegrid.model.CommunityResidual;

/**
 * Sums the member households' minutes into each community's residual load. Every household's
 * runtime closes its minutes on its own event time, so a community's minute is published once
 * every member gateway has reported it, or {@code settle} after the minute ended (and after its
 * first report came) for members that are silent or late; minutes go out in order, and a
 * published one is never changed. Membership is looked up when a minute goes out, not when its
 * reports come: a household that joined a moment ago counts with the minute it just reported.
 * Not thread-safe: the engine serialises calls.
 */
public final class CommunityMinutes {

    /** What a household's minute statement reports. */
    public enum Part { DEMAND, GENERATION, BATTERY }

    private static final long MINUTE = 60_000;

    private final CommunityMembership membership;
    private final Consumer<CepOutput> sink;
    private final long settle;
    /** Minute start → its reports so far, kept until the minute has settled. */
    private final TreeMap<Long, Reports> minutes = new TreeMap<>();
    private final Map<String, Long> published = new HashMap<>();
    /** A minute statement reported since the last flush: only then can a minute have become complete. */
    private boolean reported;

    private static final class Reports {
        final long firstReport;
        final Map<String, double[]> gateways = new HashMap<>();

        Reports(long firstReport) {
            this.firstReport = firstReport;
        }

        boolean settled(long minute, long now, long settle) {
            return now >= Math.max(minute + MINUTE, firstReport) + settle;
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
     * @param wallClock the wall clock, read when a minute's first report comes
     */
    UpdateListener listener(Part part, LongSupplier wallClock) {
        return (newEvents, oldEvents, statement, runtime) -> {
            if (newEvents != null) {
                add(part, newEvents, wallClock.getAsLong());
            }
        };
    }

    private void add(Part part, EventBean[] events, long now) {
        reported = true;
        for (EventBean event : events) {
            long minute = (Long) event.get("minuteStart");
            minutes.computeIfAbsent(minute, m -> new Reports(now)).gateways
                    .computeIfAbsent((String) event.get("gateway"), g -> new double[Part.values().length])
                    [part.ordinal()] += (Double) event.get("watts");
        }
    }

    /**
     * Publishes the minutes that a report since the last flush completed: called after every
     * batch, it does nothing on the many batches that close no minute.
     */
    public void flushReported(long now) {
        if (reported) {
            flush(now);
        }
    }

    /** Publishes every community's minutes whose members have all reported, or whose wait is over. */
    public void flush(long now) {
        reported = false;
        if (minutes.isEmpty()) {
            return;
        }
        Map<String, CommunityMembership.Member> members = membership.gateways();
        Map<String, Set<String>> expected = new HashMap<>();
        members.forEach((gateway, member) -> member.communities()
                .forEach(community -> expected.computeIfAbsent(community, c -> new HashSet<>()).add(gateway)));
        expected.forEach((community, gateways) -> publish(community, gateways, members, now));
        for (Iterator<Map.Entry<Long, Reports>> settled = minutes.entrySet().iterator(); settled.hasNext();) {
            Map.Entry<Long, Reports> minute = settled.next();
            if (!minute.getValue().settled(minute.getKey(), now, settle)) {
                break;
            }
            settled.remove();
        }
    }

    private void publish(String community, Set<String> gateways, Map<String, CommunityMembership.Member> members,
            long now) {
        long after = published.getOrDefault(community, Long.MIN_VALUE);
        long until = Long.MIN_VALUE;
        for (Map.Entry<Long, Reports> minute : minutes.tailMap(after, false).entrySet()) {
            Set<String> reported = minute.getValue().gateways.keySet();
            if (reported.containsAll(gateways) || minute.getValue().settled(minute.getKey(), now, settle)) {
                until = minute.getKey();
            }
        }
        if (until == Long.MIN_VALUE) {
            return;
        }
        // minutes go out in order: one still waiting before a ready one goes with it, as it stands
        for (Map.Entry<Long, Reports> minute : minutes.subMap(after, false, until, true).entrySet()) {
            double[] sum = new double[Part.values().length];
            Set<String> households = new HashSet<>();
            minute.getValue().gateways.forEach((gateway, watts) -> {
                if (gateways.contains(gateway)) {
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += watts[i];
                    }
                    households.add(members.get(gateway).household());
                }
            });
            if (!households.isEmpty()) {
                sink.accept(new CommunityResidual(community, Instant.ofEpochMilli(minute.getKey()),
                        sum[Part.DEMAND.ordinal()], sum[Part.GENERATION.ordinal()], sum[Part.BATTERY.ordinal()],
                        households.size()).toOutput());
            }
        }
        published.put(community, until);
    }
}
