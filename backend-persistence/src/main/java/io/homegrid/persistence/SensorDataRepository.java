package io.homegrid.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.homegrid.model.CepOutput;
import io.homegrid.model.InvalidReading;
import io.homegrid.model.SensorKind;
import io.homegrid.persistence.analysis.CommunityResiduals;
import io.homegrid.persistence.analysis.PowerRollups;
import io.homegrid.persistence.analysis.VirtualDevices;

/** Read side of the Sensor Data Repository. Every method answers from PostgreSQL. */
public interface SensorDataRepository {

    /** Every gateway that has pushed anything, by id. */
    List<GatewaySummary> gateways();

    /** The gateway's devices with their sensors' latest values, or empty if the gateway is unknown. */
    Optional<List<DeviceView>> devicesOf(String gateway);

    /** One device with its sensors' latest values, or empty if unknown. */
    Optional<DeviceView> device(String device);

    /**
     * Raw readings of a device in [from, to), oldest first, at most {@code limit}.
     *
     * @param sensor one kind, or null for all of the device's sensors
     */
    default List<StoredReading> readings(String device, SensorKind sensor, Instant from, Instant to, int limit) {
        return readings(device, sensor, from, to, limit, null);
    }

    /** @param replay an isolated replay's readings instead of the device's history; null: the history */
    List<StoredReading> readings(String device, SensorKind sensor, Instant from, Instant to, int limit, Long replay);

    /** One row per sensor and bucket in [from, to) with avg/min/max/count, oldest first. */
    List<ReadingBucket> buckets(String device, SensorKind sensor, Instant from, Instant to, BucketSize size);

    /** Readings the parser refused, newest first; {@code gateway} null for all gateways. */
    default List<InvalidReading> invalidReadings(String gateway, int limit) {
        return invalidReadings(gateway, null, limit);
    }

    /** @param before only those received at or before this (null: up to now), for the pages after the first */
    List<InvalidReading> invalidReadings(String gateway, Instant before, int limit);

    /** CEP derived events in [from, to), oldest first; {@code gateway}, {@code statement} null for all. */
    default List<CepOutput> events(String gateway, String statement, Instant from, Instant to, int limit) {
        return events(gateway, statement, from, to, limit, null);
    }

    /** @param replay an isolated replay's outputs instead of the household's own; null: its own */
    List<CepOutput> events(String gateway, String statement, Instant from, Instant to, int limit, Long replay);

    /** CEP aggregates (minute averages, household totals) of a gateway in [from, to), oldest first. */
    default List<CepOutput> aggregates(String gateway, Instant from, Instant to, int limit) {
        return aggregates(gateway, from, to, limit, null);
    }

    /** @param replay an isolated replay's aggregates instead of the household's own; null: its own */
    List<CepOutput> aggregates(String gateway, Instant from, Instant to, int limit, Long replay);

    /** The power rollups the household analyses read (energy, profiles, day views, top consumers). */
    PowerRollups power();

    /** Each community's residual load per minute. */
    CommunityResiduals communityResiduals();

    /** The households' virtual devices (named groups of their devices). */
    VirtualDevices virtualDevices();

    /** Total readings stored (an estimate above a million rows, so that it stays cheap). */
    long readingCount();
}
