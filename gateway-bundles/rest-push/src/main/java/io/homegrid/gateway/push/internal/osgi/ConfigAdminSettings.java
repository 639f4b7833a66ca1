package io.homegrid.gateway.push.internal.osgi;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.homegrid.gateway.push.GatewaySettings;
import io.homegrid.gateway.push.PushSettings;
import io.homegrid.model.GatewaySettingRules;

/**
 * The backend's view of the gateway's settings, kept in ConfigAdmin: the push pid's period, rate
 * and batch size, the descriptions pid's calibration entries, and the community agent's battery
 * ({@code battery.<property>}, its pid's property without the prefix). A change updates the
 * configurations as any other source would, so the components reconfigure themselves and
 * FileInstall writes it into their etc/*.cfg files.
 */
final class ConfigAdminSettings implements GatewaySettings {

    static final String PUSH = "io.homegrid.gateway.push";
    static final String DESCRIPTIONS = "io.homegrid.gateway.descriptions";
    static final String COMMUNITY = "io.homegrid.gateway.community";

    private final ConfigurationAdmin configurations;
    private final PushSettings running;

    ConfigAdminSettings(ConfigurationAdmin configurations, PushSettings running) {
        this.configurations = configurations;
        this.running = running;
    }

    @Override
    public Map<String, String> current() {
        try {
            return merged(properties(PUSH), properties(DESCRIPTIONS), properties(COMMUNITY));
        } catch (IOException e) {
            throw new IllegalStateException("ConfigAdmin cannot read the gateway's configuration", e);
        }
    }

    @Override
    public Map<String, String> apply(Map<String, String> changes) throws IOException {
        Map<String, Object> push = properties(PUSH);
        Map<String, Object> descriptions = properties(DESCRIPTIONS);
        Map<String, Object> community = properties(COMMUNITY);
        Map<String, String> toPush = new HashMap<>();
        Map<String, String> toDescriptions = new HashMap<>();
        Map<String, String> toCommunity = new HashMap<>();
        changes.forEach((name, value) -> {
            if (GatewaySettingRules.battery(name)) {
                toCommunity.put(name.substring(GatewaySettingRules.BATTERY.length()), value.strip());
            } else {
                (GatewaySettingRules.calibration(name) ? toDescriptions : toPush).put(name, value.strip());
            }
        });
        update(PUSH, push, toPush);
        update(DESCRIPTIONS, descriptions, toDescriptions);
        update(COMMUNITY, community, toCommunity);
        return merged(push, descriptions, community);
    }

    private void update(String pid, Map<String, Object> properties, Map<String, String> changes) throws IOException {
        if (changes.isEmpty()) {
            return;
        }
        properties.putAll(changes);
        // every other property stays, FileInstall's link to the file among them
        configurations.getConfiguration(pid, "?").update(new Hashtable<>(properties));
    }

    private Map<String, String> merged(Map<String, Object> push, Map<String, Object> descriptions,
            Map<String, Object> community) {
        Map<String, String> settings = new TreeMap<>();
        settings.put(GatewaySettingRules.INTERVAL_MILLIS, String.valueOf(push.getOrDefault(
                GatewaySettingRules.INTERVAL_MILLIS, running.interval().toMillis())));
        settings.put(GatewaySettingRules.BACKLOG_RATE, String.valueOf(push.getOrDefault(
                GatewaySettingRules.BACKLOG_RATE, running.backlogRate())));
        settings.put(GatewaySettingRules.BATCH_SIZE, String.valueOf(push.getOrDefault(
                GatewaySettingRules.BATCH_SIZE, running.batchSize())));
        descriptions.forEach((name, value) -> {
            if (GatewaySettingRules.calibration(name)) {
                settings.put(name, String.valueOf(value));
            }
        });
        // the battery's settings as its cfg file has them (it ships every one)
        community.forEach((name, value) -> {
            String setting = GatewaySettingRules.BATTERY + name;
            if (GatewaySettingRules.battery(setting)) {
                settings.put(setting, String.valueOf(value));
            }
        });
        return settings;
    }

    private Map<String, Object> properties(String pid) throws IOException {
        Configuration[] found;
        try {
            found = configurations.listConfigurations("(service.pid=" + pid + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a fixed filter", e);
        }
        Map<String, Object> properties = new HashMap<>();
        Dictionary<String, Object> dictionary = found == null ? null : found[0].getProperties();
        if (dictionary != null) {
            for (String key : Collections.list(dictionary.keys())) {
                properties.put(key, dictionary.get(key));
            }
        }
        return properties;
    }
}
