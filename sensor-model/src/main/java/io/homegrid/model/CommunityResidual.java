package io.homegrid.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A community's residual load over one clock minute: what its member households drew (their
 * devices' power) less what their PV generated and their batteries gave (+ discharging), summed.
 * The CEP engine publishes it as a {@link CepOutput} of statement {@value #STATEMENT}.
 *
 * @param households the member households whose readings the minute holds
 */
public record CommunityResidual(String community, Instant minuteStart, double demandWatts, double generationWatts,
        double batteryWatts, int households) {

    public static final String STATEMENT = "community-residual-1m";
    /**
     * The residual load as it stands, from each member device's latest reading, every few seconds:
     * the signal the community agents act on, published on the community's topic only (not stored).
     */
    public static final String LIVE_STATEMENT = "community-residual-live";

    public double residualWatts() {
        return demandWatts - generationWatts - batteryWatts;
    }

    public CepOutput toOutput() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("community", community);
        values.put("minuteStart", minuteStart.toEpochMilli());
        values.put("demandWatts", demandWatts);
        values.put("generationWatts", generationWatts);
        values.put("batteryWatts", batteryWatts);
        values.put("residualWatts", residualWatts());
        values.put("households", households);
        return new CepOutput(STATEMENT, CepOutput.AGGREGATE, null, null, minuteStart, values);
    }

    /** The residual an output of {@value #STATEMENT} carries. */
    public static CommunityResidual of(CepOutput output) {
        Map<String, Object> values = output.values();
        return new CommunityResidual((String) values.get("community"), output.time(), number(values, "demandWatts"),
                number(values, "generationWatts"), number(values, "batteryWatts"), (int) number(values, "households"));
    }

    private static double number(Map<String, Object> values, String key) {
        Object value = values.get(key);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException(STATEMENT + " output without a number '" + key + "'");
        }
        return number.doubleValue();
    }
}
