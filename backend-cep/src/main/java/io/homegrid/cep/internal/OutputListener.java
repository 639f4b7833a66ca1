package io.homegrid.cep.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPStatement;
import com.espertech.esper.runtime.client.UpdateListener;

import io.homegrid.model.CepOutput;

/**
 * Turns what a statement emits into {@link CepOutput}s for the sink, so that consumers see
 * plain values and never Esper types: gateway and device lifted out, epoch-millisecond time
 * properties as ISO instants, stamped with the household's event time. Outputs of the built-in
 * minute statements are aggregates; every other statement's are derived events.
 */
public final class OutputListener implements UpdateListener {

    private static final Set<String> AGGREGATES = Set.of("device-power-1m", "household-power-1m",
            "virtual-device-power-1m", "device-generation-1m", "device-battery-1m");
    private static final Set<String> TIME_PROPERTIES = Set.of("minuteStart", "time", "since");

    private final Consumer<CepOutput> sink;
    private final Long replay;

    /** @param sink must not block: it is called on the thread that feeds the readings */
    public OutputListener(Consumer<CepOutput> sink) {
        this(sink, null);
    }

    /** @param replay the isolated replay whose runtime this listens to, which its outputs name */
    public OutputListener(Consumer<CepOutput> sink, Long replay) {
        this.sink = sink;
        this.replay = replay;
    }

    @Override
    public void update(EventBean[] newEvents, EventBean[] oldEvents, EPStatement statement, EPRuntime source) {
        if (newEvents == null) {
            return;
        }
        Instant time = Instant.ofEpochMilli(source.getEventService().getCurrentTime());
        String kind = AGGREGATES.contains(statement.getName()) ? CepOutput.AGGREGATE : CepOutput.EVENT;
        for (EventBean event : newEvents) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String property : event.getEventType().getPropertyNames()) {
                Object value = event.get(property);
                values.put(property, TIME_PROPERTIES.contains(property) && value instanceof Long millis
                        ? Instant.ofEpochMilli(millis).toString() : value);
            }
            Object gateway = values.remove("gateway");
            Object device = values.remove("device");
            sink.accept(new CepOutput(statement.getName(), kind, gateway == null ? null : gateway.toString(),
                    device == null ? null : device.toString(), time, values, replay));
        }
    }
}
