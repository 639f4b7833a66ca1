package io.homegrid.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of quantity a sensor reports, each with its canonical unit, the units a gateway
 * may send instead, and the range a household sensor can physically report.
 *
 * <p>The ranges are deliberately generous (a whole-house meter, a sauna, a sunny window):
 * they exist to catch broken firmware and wrong scaling, not unusual homes. New kinds go at the
 * end, so that device lists, which show sensors in this order, keep theirs.
 */
public enum SensorKind {
    POWER("power", "W", 0, 100_000, watts()),
    ENERGY("energy", "Wh", 0, 1e12, units().scale("Wh", 1).scale("kWh", 1e3).scale("MWh", 1e6)),
    VOLTAGE("voltage", "V", 0, 1_000, units().scale("V", 1).scale("mV", 1e-3).scale("kV", 1e3)),
    CURRENT("current", "A", 0, 200, units().scale("A", 1).scale("mA", 1e-3)),
    TEMPERATURE("temperature", "°C", -90, 150, units().scale("°C", 1).scale("C", 1).scale("degC", 1)
            .affine("°F", f -> (f - 32) * 5 / 9).affine("F", f -> (f - 32) * 5 / 9)
            .affine("degF", f -> (f - 32) * 5 / 9).affine("K", k -> k - 273.15)),
    LIGHT("light", "lx", 0, 200_000, units().scale("lx", 1).scale("klx", 1e3)),
    PRESSURE("pressure", "hPa", 300, 1_100, units().scale("hPa", 1).scale("mbar", 1).scale("Pa", 1e-2)
            .scale("kPa", 10).scale("bar", 1e3)),
    HUMIDITY("humidity", "%", 0, 100, units().scale("%", 1)),
    RELAY("relay", "0/1", 0, 1, units().scale("0/1", 1).scale("1", 1)),
    /** What a PV inverter feeds in. */
    GENERATION("generation", "W", 0, 100_000, watts()),
    /** A battery's state of charge. */
    SOC("soc", "%", 0, 100, units().scale("%", 1)),
    /** A battery's power, signed as its effect on the household: + discharging, − charging. */
    BATTERY("battery", "W", -100_000, 100_000, watts()),
    /** The household's net load at the meter: + drawn from the grid, − fed into it. */
    NETLOAD("netload", "W", -100_000, 100_000, watts()),
    /** The power a community agent asked its battery for, signed as {@link #BATTERY}. */
    SETPOINT("setpoint", "W", -100_000, 100_000, watts());

    private final String id;
    private final String canonicalUnit;
    private final double min;
    private final double max;
    private final Map<String, DoubleUnaryOperator> toCanonical;

    SensorKind(String id, String canonicalUnit, double min, double max, Units units) {
        this.id = id;
        this.canonicalUnit = canonicalUnit;
        this.min = min;
        this.max = max;
        this.toCanonical = Collections.unmodifiableMap(units.map);
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String canonicalUnit() {
        return canonicalUnit;
    }

    /** Lowest value, in the canonical unit, that this kind of sensor can report. */
    public double min() {
        return min;
    }

    /** Highest value, in the canonical unit, that this kind of sensor can report. */
    public double max() {
        return max;
    }

    public Set<String> acceptedUnits() {
        return toCanonical.keySet();
    }

    /** Converts a value in {@code unit} to the canonical unit, or empty if the unit is not one of this kind's. */
    public Optional<Double> toCanonical(double value, String unit) {
        DoubleUnaryOperator conversion = toCanonical.get(unit);
        return conversion == null ? Optional.empty() : Optional.of(conversion.applyAsDouble(value));
    }

    public static Optional<SensorKind> byId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
    }

    @JsonCreator
    static SensorKind fromJson(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException("unknown sensor kind '" + id + "'"));
    }

    @Override
    public String toString() {
        return id;
    }

    private static Units units() {
        return new Units();
    }

    private static Units watts() {
        return units().scale("W", 1).scale("kW", 1e3).scale("mW", 1e-3);
    }

    /** Builder for the unit table, kept in declaration order so error messages list units predictably. */
    private static final class Units {
        private final Map<String, DoubleUnaryOperator> map = new LinkedHashMap<>();

        Units scale(String unit, double factor) {
            map.put(unit, factor == 1 ? DoubleUnaryOperator.identity() : v -> v * factor);
            return this;
        }

        Units affine(String unit, DoubleUnaryOperator conversion) {
            map.put(unit, conversion);
            return this;
        }
    }
}
