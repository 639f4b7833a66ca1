package io.homegrid.model.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.model.DeviceDescription;
import io.homegrid.model.DeviceState;
import io.homegrid.model.SensorDescription;
import io.homegrid.model.SensorKind;

/** Checks one pushed device description; sensor units are normalised like readings' are. */
final class DeviceValidator implements ItemValidator<DeviceDescription> {

    private static final Set<String> FIELDS = new LinkedHashSet<>(
            Arrays.asList("device", "type", "name", "sensors", "relay", "state"));
    private static final Set<String> SENSOR_FIELDS = new LinkedHashSet<>(Arrays.asList("sensor", "unit"));
    private static final int MAX_TEXT = 128;

    @Override
    public DeviceDescription validate(JsonNode item) throws FieldException {
        Fields.requireObject(item, "device");
        Fields.rejectUnknown(item, FIELDS);
        String device = Fields.requireId(item, "device");
        String type = boundedText(Fields.requireText(item, "type"), "type");
        String name = Fields.optionalText(item, "name");
        if (name != null) {
            boundedText(name, "name");
        }
        List<SensorDescription> sensors = sensors(item.get("sensors"));
        boolean relay = relay(item.get("relay"));
        String stateText = Fields.requireText(item, "state");
        DeviceState state = DeviceState.byId(stateText);
        if (state == null) {
            throw new FieldException("state", "'" + Fields.abbreviate(stateText) + "' is not a device state (joined, left)");
        }
        return new DeviceDescription(device, type, name, sensors, relay, state);
    }

    private static String boundedText(String text, String field) throws FieldException {
        if (text.isBlank() || text.length() > MAX_TEXT) {
            throw new FieldException(field, "must be 1 to " + MAX_TEXT + " characters, not blank");
        }
        // PostgreSQL refuses NUL in text, and control characters have no place in a name: refused
        // here, on this item alone, rather than failing the stored batch it travels in.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw new FieldException(field, String.format("contains the control character U+%04X at position %d", (int) c, i));
            }
        }
        return text;
    }

    private static boolean relay(JsonNode relay) throws FieldException {
        if (relay == null || relay.isNull()) {
            return false;
        }
        if (!relay.isBoolean()) {
            throw new FieldException("relay", "must be true or false, was " + Fields.describe(relay));
        }
        return relay.booleanValue();
    }

    private static List<SensorDescription> sensors(JsonNode sensors) throws FieldException {
        if (sensors == null || sensors.isNull()) {
            return List.of();
        }
        if (!sensors.isArray()) {
            throw new FieldException("sensors", "must be an array, was " + Fields.describe(sensors));
        }
        List<SensorDescription> result = new ArrayList<>();
        for (int i = 0; i < sensors.size(); i++) {
            result.add(sensor(sensors.get(i), "sensors[" + i + "]"));
        }
        return result;
    }

    private static SensorDescription sensor(JsonNode node, String path) throws FieldException {
        if (!node.isObject()) {
            throw new FieldException(path, "must be a JSON object");
        }
        try {
            Fields.rejectUnknown(node, SENSOR_FIELDS);
            String id = Fields.requireText(node, "sensor");
            SensorKind kind = SensorKind.byId(id)
                    .orElseThrow(() -> new FieldException("sensor", "unknown sensor kind '" + Fields.abbreviate(id) + "'"));
            String unit = Fields.optionalText(node, "unit");
            if (unit != null && kind.toCanonical(0, unit).isEmpty()) {
                throw new FieldException("unit", "'" + Fields.abbreviate(unit) + "' is not a unit of " + kind.id());
            }
            // Readings are stored in canonical units, so the description advertises those.
            return new SensorDescription(kind, kind.canonicalUnit());
        } catch (FieldException e) {
            throw new FieldException(path + "." + e.field(), e.reason());
        }
    }
}
