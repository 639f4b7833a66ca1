package io.homegrid.cep.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPStatement;
import com.espertech.esper.runtime.client.UpdateListener;

/**
 * Listens to a household's {@code device-power-1m} (each minute's device averages arrive in one
 * call) and routes each virtual device's sum of its members' averages into the same runtime as a
 * {@code VirtualDevicePowerMinute}: the groups' own stream, which statements can read like any other.
 */
final class VirtualDeviceTotals implements UpdateListener {

    static final String STATEMENT = "device-power-1m";
    static final String STREAM = "VirtualDevicePowerMinute";

    private final Supplier<Map<String, Set<String>>> groups;

    VirtualDeviceTotals(Supplier<Map<String, Set<String>>> groups) {
        this.groups = groups;
    }

    @Override
    public void update(EventBean[] newEvents, EventBean[] oldEvents, EPStatement statement, EPRuntime runtime) {
        if (newEvents == null || newEvents.length == 0) {
            return;
        }
        Map<String, Set<String>> known = groups.get();
        if (known.isEmpty()) {
            return;
        }
        // (virtual device, minute) → [watts, members, samples]
        Map<String, Map<Long, double[]>> totals = new HashMap<>();
        String gateway = null;
        for (EventBean event : newEvents) {
            String device = (String) event.get("device");
            gateway = (String) event.get("gateway");
            for (Map.Entry<String, Set<String>> group : known.entrySet()) {
                if (group.getValue().contains(device)) {
                    double[] sum = totals.computeIfAbsent(group.getKey(), name -> new HashMap<>())
                            .computeIfAbsent((Long) event.get("minuteStart"), minute -> new double[3]);
                    sum[0] += (Double) event.get("watts");
                    sum[1]++;
                    sum[2] += (Long) event.get("samples");
                }
            }
        }
        for (Map.Entry<String, Map<Long, double[]>> group : totals.entrySet()) {
            for (Map.Entry<Long, double[]> minute : group.getValue().entrySet()) {
                Map<String, Object> total = new HashMap<>();
                total.put("gateway", gateway);
                total.put("virtualDevice", group.getKey());
                total.put("minuteStart", minute.getKey());
                total.put("watts", minute.getValue()[0]);
                total.put("devices", (long) minute.getValue()[1]);
                total.put("samples", (long) minute.getValue()[2]);
                runtime.getEventService().routeEventMap(total, STREAM);
            }
        }
    }
}
