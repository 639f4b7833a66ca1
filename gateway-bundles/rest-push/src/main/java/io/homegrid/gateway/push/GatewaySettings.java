package io.homegrid.gateway.push;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import io.homegrid.model.GatewaySettingRules;

/**
 * The settings the backend may read and change on this gateway (push period, backlog rate, batch
 * size, calibration: {@link GatewaySettingRules}). In OSGi they live in
 * ConfigAdmin; the embedded gateway takes them from its command line and refuses changes.
 */
public interface GatewaySettings {

    /** Every such setting in effect, by name. */
    Map<String, String> current();

    /**
     * Applies changes already checked against the rules; answers every setting in effect afterwards.
     *
     * @throws UnsupportedOperationException with the reason, where this gateway takes no changes
     * @throws IOException                   when they could not be stored
     */
    Map<String, String> apply(Map<String, String> changes) throws IOException;

    /** Settings as fixed as the command line that gave them. */
    static GatewaySettings fixed(PushSettings push, Map<String, String> calibration, String why) {
        return new GatewaySettings() {
            @Override
            public Map<String, String> current() {
                Map<String, String> settings = new TreeMap<>(calibration);
                settings.put(GatewaySettingRules.INTERVAL_MILLIS, Long.toString(push.interval().toMillis()));
                settings.put(GatewaySettingRules.BACKLOG_RATE, Integer.toString(push.backlogRate()));
                settings.put(GatewaySettingRules.BATCH_SIZE, Integer.toString(push.batchSize()));
                return settings;
            }

            @Override
            public Map<String, String> apply(Map<String, String> changes) {
                throw new UnsupportedOperationException(why);
            }
        };
    }
}
