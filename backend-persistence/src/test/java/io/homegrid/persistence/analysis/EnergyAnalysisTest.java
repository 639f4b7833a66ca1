package io.homegrid.persistence.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The arithmetic of energy and missing minutes, on rollup rows given by hand. */
class EnergyAnalysisTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void aSilentStretchCountsAsMissingNotAsItsLastValue() {
        // 1,000 W measured for the first 30 minutes of the first hour, then nothing until the second hour
        PowerRollups rollups = source(List.of(new Row("oven", T0, 60, 60_000, 1_000, 1_000, 30),
                new Row("oven", T0.plusSeconds(3_600), 120, 60_000, 500, 500, 60)));

        EnergyAnalysis.Report report = new EnergyAnalysis(rollups).energy(List.of("gw"), null, T0, T0.plusSeconds(7_200),
                LocalBuckets.Width.HOUR, ZoneOffset.UTC, true);

        assertThat(report.resolution()).isEqualTo("HOUR");
        assertThat(report.buckets()).extracting(EnergyAnalysis.Bucket::energyWh).containsExactly(500.0, 500.0);
        assertThat(report.buckets()).extracting(EnergyAnalysis.Bucket::missingMinutes).containsExactly(30L, 0L);
        assertThat(report.devices()).singleElement().satisfies(oven -> {
            assertThat(oven.energyWh()).isCloseTo(1_000, within(1e-9));
            assertThat(oven.measuredMinutes()).isEqualTo(90);
            assertThat(oven.missingMinutes()).isEqualTo(30);
        });
        assertThat(report.buckets().get(0).devices()).containsEntry("oven", 500.0);
    }

    @Test
    void aDeviceThatNeverReportedIsWhollyMissing() {
        PowerRollups rollups = source(List.of());

        EnergyAnalysis.Report report = new EnergyAnalysis(rollups).energy(List.of("gw"), null, T0, T0.plusSeconds(3_600),
                LocalBuckets.Width.QUARTER_HOUR, ZoneOffset.UTC, false);

        assertThat(report.energyWh()).isZero();
        assertThat(report.missingMinutes()).isEqualTo(60);
        assertThat(report.buckets()).hasSize(4).allSatisfy(bucket -> assertThat(bucket.devices()).isNull());
    }

    @Test
    void theBaselineIsTheMedianOfTheBucketsLowestReadings() {
        assertThat(TopConsumers.baseline(List.of(row(5), row(1), row(80)))).isEqualTo(5);
        assertThat(TopConsumers.baseline(List.of(row(2), row(4)))).isEqualTo(3);
        assertThat(TopConsumers.baseline(List.of())).isZero();
    }

    private static PowerGroup row(double min) {
        return new PowerGroup("d", 0, 1, min, min, min, 1, min / 60);
    }

    /** One rollup bucket of a device, as the stub source below holds it. */
    private record Row(String device, Instant start, long n, double sum, double min, double max, int minutes) {
    }

    private static PowerRollups source(List<Row> rows) {
        return new PowerRollups() {
            @Override
            public List<String> powerDevices(Collection<String> gateways) {
                return List.of("oven");
            }

            /** What the database does, for rows that each fall in their own interval. */
            @Override
            public List<PowerGroup> grouped(Collection<String> gateways, Collection<String> devices,
                    List<Instant> boundaries, int[] groups, Resolution level) {
                return rows.stream().map(row -> {
                    int i = -java.util.Collections.binarySearch(boundaries, row.start().plusMillis(1)) - 2;
                    return new PowerGroup(row.device(), groups == null ? i : groups[i], row.n(), row.sum(), row.min(),
                            row.max(), row.minutes(), row.sum() / row.n() * row.minutes() / 60);
                }).toList();
            }
        };
    }
}
