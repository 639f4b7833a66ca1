package io.homegrid.model.validation;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.model.DeviceDescription;
import io.homegrid.model.Reading;
import io.homegrid.model.Violation;
import io.homegrid.model.json.Json;

/**
 * Reads a pushed batch envelope ({@code {"gateway":…,"readings":[…]}} or {@code …"devices":[…]}).
 * Faults of the envelope refuse the whole batch; faults of an item refuse only that item, so
 * valid readings are never lost for a bad neighbour.
 *
 * @param <T> what the items become once valid
 */
public final class BatchReader<T> {

    private final String itemsField;
    private final ItemValidator<T> validator;
    private final Limits limits;

    private BatchReader(String itemsField, ItemValidator<T> validator, Limits limits) {
        this.itemsField = itemsField;
        this.validator = validator;
        this.limits = limits;
    }

    public static BatchReader<Reading> readings(Clock clock, Limits limits) {
        return new BatchReader<>("readings", new ReadingValidator(clock, limits, 0), limits);
    }

    /** Readings Replay Control sends: a gateway's own seqs, and that replay's (never another's). */
    public static BatchReader<Reading> replayedReadings(Clock clock, Limits limits, long replay) {
        return new BatchReader<>("readings", new ReadingValidator(clock, limits, replay), limits);
    }

    public static BatchReader<DeviceDescription> devices(Limits limits) {
        return new BatchReader<>("devices", new DeviceValidator(), limits);
    }

    /** The name of the array the items travel in: {@code readings} or {@code devices}. */
    public String itemsField() {
        return itemsField;
    }

    /** A body as it arrives over HTTP: it must be UTF-8 before it is JSON. */
    public CheckedBatch<T> read(String gateway, byte[] body) throws BatchRejectedException {
        if (body.length == 0) {
            throw new BatchRejectedException(BatchRejectedException.BAD_REQUEST, "body", "empty body: expected a JSON object");
        }
        String notUtf8 = Utf8.problem(body);
        if (notUtf8 != null) {
            throw new BatchRejectedException(BatchRejectedException.BAD_REQUEST, "body", "not UTF-8 JSON: " + notUtf8);
        }
        return read(gateway, parse(() -> Json.mapper().readTree(body)));
    }

    /** A body already decoded to text (a bus message the push interface checked), read without encoding it again. */
    public CheckedBatch<T> read(String gateway, String body) throws BatchRejectedException {
        if (body.isEmpty()) {
            throw new BatchRejectedException(BatchRejectedException.BAD_REQUEST, "body", "empty body: expected a JSON object");
        }
        return read(gateway, parse(() -> Json.mapper().readTree(body)));
    }

    private interface Parse {
        JsonNode tree() throws IOException;
    }

    private static JsonNode parse(Parse parse) throws BatchRejectedException {
        try {
            return parse.tree();
        } catch (JsonProcessingException e) {
            throw new BatchRejectedException(BatchRejectedException.BAD_REQUEST, "body",
                    "not valid JSON: " + e.getOriginalMessage() + locate(e));
        } catch (IOException e) {
            throw new BatchRejectedException(BatchRejectedException.BAD_REQUEST, "body", "unreadable: " + e.getMessage());
        }
    }

    public CheckedBatch<T> read(String gateway, JsonNode root) throws BatchRejectedException {
        if (!Identifiers.isValid(gateway)) {
            throw new BatchRejectedException(BatchRejectedException.BAD_REQUEST, "gatewayId",
                    "'" + gateway + "' is not a valid gateway identifier: " + Identifiers.rule());
        }
        JsonNode items = envelopeItems(gateway, root);
        List<T> accepted = new ArrayList<>(items.size());
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            try {
                accepted.add(validator.validate(item));
            } catch (FieldException e) {
                rejected.add(new Rejected(item, new Violation(i, e.field(), e.reason())));
            }
        }
        return new CheckedBatch<>(gateway, accepted, rejected);
    }

    private JsonNode envelopeItems(String gateway, JsonNode root) throws BatchRejectedException {
        try {
            Fields.requireObject(root, "body");
            Fields.rejectUnknown(root, Set.of("gateway", itemsField));
            String bodyGateway = Fields.optionalText(root, "gateway");
            if (bodyGateway != null && !bodyGateway.equals(gateway)) {
                throw new FieldException("gateway", "'" + Fields.abbreviate(bodyGateway)
                        + "' does not match the gateway in the path, '" + gateway + "'");
            }
            JsonNode items = Fields.require(root, itemsField);
            if (!items.isArray()) {
                throw new FieldException(itemsField, "must be an array, was " + Fields.describe(items));
            }
            if (items.isEmpty()) {
                throw new FieldException(itemsField, "empty batch: send at least one");
            }
            if (items.size() > limits.maxBatchSize()) {
                throw new BatchRejectedException(BatchRejectedException.PAYLOAD_TOO_LARGE, itemsField,
                        "batch of " + items.size() + " exceeds the limit of " + limits.maxBatchSize() + "; split it");
            }
            return items;
        } catch (FieldException e) {
            throw new BatchRejectedException(BatchRejectedException.BAD_REQUEST, e.field(), e.reason());
        }
    }

    private static String locate(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
