package io.homegrid.routes.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.model.json.Json;
import io.homegrid.persistence.analysis.DayView;
import io.homegrid.persistence.analysis.EnergyAnalysis;
import io.homegrid.persistence.analysis.TopConsumers;
import io.homegrid.persistence.analysis.WeekdayProfile;

/**
 * The answers offered as CSV ({@code Accept: text/csv}), each as one table in long form: a row per
 * value, with a {@code device} column where an answer splits by device (empty for the
 * household's own rows). The columns are fixed per answer, so that a spreadsheet or a script can
 * rely on them; the JSON answer's header fields (zone, period, resolution) are left out.
 */
final class CsvExport {

    /** A table: its columns in order, and its rows. */
    record Table(List<String> columns, List<Map<String, Object>> rows) {
    }

    private CsvExport() {
    }

    static boolean offers(Class<?> type) {
        return type == DeviceQueryResource.Readings.class || type == EnergyAnalysis.Report.class
                || type == WeekdayProfile.Report.class || type == DayView.Report.class || type == TopConsumers.Report.class;
    }

    static Table table(Object answer) {
        if (answer instanceof DeviceQueryResource.Readings readings) {
            return readings(readings);
        }
        if (answer instanceof EnergyAnalysis.Report energy) {
            return energy(energy);
        }
        if (answer instanceof WeekdayProfile.Report profile) {
            return profile(profile);
        }
        if (answer instanceof DayView.Report day) {
            return day(day);
        }
        if (answer instanceof TopConsumers.Report consumers) {
            return consumers(consumers);
        }
        throw new IllegalArgumentException(answer.getClass().getName() + " is not offered as CSV");
    }

    private static Table readings(DeviceQueryResource.Readings readings) {
        List<String> columns = readings.bucket() == null ? List.of("sensor", "value", "unit", "time", "seq")
                : List.of("sensor", "bucket", "avg", "min", "max", "count");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode row : Json.mapper().valueToTree(readings.readings())) {
            Map<String, Object> values = new LinkedHashMap<>();
            columns.forEach(column -> values.put(column, row.hasNonNull(column) ? row.get(column).asText() : null));
            rows.add(values);
        }
        return new Table(columns, rows);
    }

    private static Table energy(EnergyAnalysis.Report report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EnergyAnalysis.Bucket bucket : report.buckets()) {
            rows.add(row("start", bucket.start(), "end", bucket.end(), "device", null, "energyWh", bucket.energyWh(),
                    "missingMinutes", bucket.missingMinutes()));
            if (bucket.devices() != null) {
                bucket.devices().forEach((device, energy) -> rows.add(row("start", bucket.start(), "end", bucket.end(),
                        "device", device, "energyWh", energy, "missingMinutes", null)));
            }
        }
        return new Table(List.of("start", "end", "device", "energyWh", "missingMinutes"), rows);
    }

    private static Table profile(WeekdayProfile.Report report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        report.household().forEach(slot -> rows.add(slot(null, slot)));
        if (report.devices() != null) {
            report.devices().forEach((device, slots) -> slots.forEach(slot -> rows.add(slot(device, slot))));
        }
        return new Table(List.of("weekday", "time", "device", "powerW", "measuredMinutes"), rows);
    }

    private static Map<String, Object> slot(String device, WeekdayProfile.Slot slot) {
        return row("weekday", slot.weekday(), "time", slot.time(), "device", device, "powerW", slot.powerW(),
                "measuredMinutes", slot.measuredMinutes());
    }

    private static Table day(DayView.Report report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        report.total().forEach(total -> rows.add(row("start", total.start(), "end", total.end(), "device", null,
                "powerW", total.powerW(), "minW", null, "maxW", null, "measuredMinutes", null, "devicesMeasured",
                total.devicesMeasured())));
        for (DayView.DeviceSeries series : report.devices()) {
            series.series().forEach(point -> rows.add(row("start", point.start(), "end", null, "device", series.device(),
                    "powerW", point.powerW(), "minW", point.minW(), "maxW", point.maxW(), "measuredMinutes",
                    point.measuredMinutes(), "devicesMeasured", null)));
        }
        if (report.unmeasured() != null) {
            report.unmeasured().forEach(part -> rows.add(row("start", part.start(), "end", part.end(), "device",
                    "(unmeasured)", "powerW", part.powerW(), "minW", null, "maxW", null, "measuredMinutes", null,
                    "devicesMeasured", part.devicesMeasured())));
        }
        return new Table(List.of("start", "end", "device", "powerW", "minW", "maxW", "measuredMinutes", "devicesMeasured"),
                rows);
    }

    private static Table consumers(TopConsumers.Report report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        report.devices().forEach(device -> rows.add(row("rank", device.rank(), "device", device.device(), "energyWh",
                device.energyWh(), "cost", device.cost(), "share", device.share(), "standbyW", device.standbyW(),
                "standbyWh", device.standbyWh(), "measuredMinutes", device.measuredMinutes(), "missingMinutes",
                device.missingMinutes())));
        return new Table(List.of("rank", "device", "energyWh", "cost", "share", "standbyW", "standbyWh", "measuredMinutes",
                "missingMinutes"), rows);
    }

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }
}
