package io.homegrid.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.homegrid.gateway.cache.CacheSettings;
import io.homegrid.gateway.community.AgentSettings;
import io.homegrid.gateway.devices.DeviceListSettings;
import io.homegrid.gateway.push.PushSettings;
import io.homegrid.gateway.xbee.connector.XBeeSettings;

/**
 * What {@code ./homegrid gateway} runs: the few things an embedded gateway is told, everything
 * else at the bundles' own defaults (their settings records).
 *
 * @param radio     {@code tcp://host:port} (simulator, network bridge) or a serial port such as {@code /dev/ttyUSB0}
 * @param localPort port of the gateway's local REST API; 0 for none
 * @param localHost address the local REST API listens on: loopback unless an installer opens it
 * @param silence   a device silent this long is marked left
 * @param secret    the secret the backend issued at registration; null: none
 * @param backendFingerprint SHA-256 of the backend's certificate to pin; null: trust the JVM's CAs
 * @param community the community agent's settings; null: no community agent (no battery at home)
 */
public record GatewayConfig(String id, URI backend, String radio, Path dataDir, int localPort, String localHost, Duration silence,
        Duration pushInterval, int backlogRate, Duration commandWait, String secret, String backendFingerprint,
        AgentSettings community) {

    /** The local API switches plugs (with the installer's credential): only this machine reaches it by default. */
    public static final String DEFAULT_LOCAL_HOST = "127.0.0.1";

    public static GatewayConfig of(String id, URI backend, String radio, Path dataDir, int localPort) {
        PushSettings push = PushSettings.DEFAULT;
        return new GatewayConfig(id, backend, radio, dataDir, localPort, DEFAULT_LOCAL_HOST, DeviceListSettings.DEFAULT.silence(),
                push.interval(), push.backlogRate(), push.commandWait(), null, null, null);
    }

    public GatewayConfig withLocalHost(String host) {
        return new GatewayConfig(id, backend, radio, dataDir, localPort, host, silence, pushInterval, backlogRate,
                commandWait, secret, backendFingerprint, community);
    }

    public GatewayConfig withSilence(Duration leftAfter) {
        return new GatewayConfig(id, backend, radio, dataDir, localPort, localHost, leftAfter, pushInterval, backlogRate, commandWait, secret, backendFingerprint, community);
    }

    public GatewayConfig withPushInterval(Duration interval) {
        return new GatewayConfig(id, backend, radio, dataDir, localPort, localHost, silence, interval, backlogRate, commandWait, secret, backendFingerprint, community);
    }

    public GatewayConfig withBacklogRate(int readingsPerSecond) {
        return new GatewayConfig(id, backend, radio, dataDir, localPort, localHost, silence, pushInterval, readingsPerSecond,
                commandWait, secret, backendFingerprint, community);
    }

    public GatewayConfig withCommandWait(Duration wait) {
        return new GatewayConfig(id, backend, radio, dataDir, localPort, localHost, silence, pushInterval, backlogRate, wait, secret, backendFingerprint, community);
    }

    public GatewayConfig withSecret(String gatewaySecret) {
        return new GatewayConfig(id, backend, radio, dataDir, localPort, localHost, silence, pushInterval, backlogRate,
                commandWait, gatewaySecret, backendFingerprint, community);
    }

    public GatewayConfig withBackendFingerprint(String sha256) {
        return new GatewayConfig(id, backend, radio, dataDir, localPort, localHost, silence, pushInterval, backlogRate,
                commandWait, secret, sha256, community);
    }

    /** A gateway whose household has a battery that its community agent runs. */
    public GatewayConfig withCommunityAgent(AgentSettings agent) {
        return new GatewayConfig(id, backend, radio, dataDir, localPort, localHost, silence, pushInterval, backlogRate,
                commandWait, secret, backendFingerprint, agent);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "GatewayConfig[id=" + id + ", backend=" + backend + ", radio=" + radio + ", dataDir=" + dataDir
                + ", local=" + localHost + ":" + localPort + ", secret=" + (secret == null ? "none" : "set") + "]";
    }

    XBeeSettings xbee() {
        return XBeeSettings.DEFAULT.withRadio(radio);
    }

    CacheSettings cache() {
        return CacheSettings.DEFAULT.withFile(dataDir.resolve("cache.db"));
    }

    DeviceListSettings devices() {
        return new DeviceListSettings(silence);
    }

    PushSettings push() {
        return PushSettings.of(backend, id).withInterval(pushInterval).withBacklogRate(backlogRate)
                .withCommandWait(commandWait).withSecret(secret)
                .withBackendFingerprint(backendFingerprint);
    }
}
