package io.homegrid.launcher.bench;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import io.homegrid.launcher.internal.EmbeddedDatabase;
import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.SensorKind;
import io.homegrid.persistence.internal.jdbc.JdbcReadingWriter;
import io.homegrid.persistence.internal.jdbc.ReadingPartitions;

/**
 * The paper's household shape for the storage and analysis benchmarks: 15 plugs, each a power
 * reading every 2 s, stored through the product's writer in writes of 5,000.
 */
final class PlugHousehold {

    static final int PLUGS = 15;
    static final int EVERY_SECONDS = 2;
    private static final int READINGS_PER_WRITE = 5_000;

    private PlugHousehold() {
    }

    static PGSimpleDataSource dataSource(EmbeddedDatabase database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        return dataSource;
    }

    /** Stores {@code readings} readings from {@code start} on; answers how many were stored. */
    static long load(DataSource dataSource, String gateway, Instant start, long readings) throws SQLException {
        JdbcReadingWriter writer = new JdbcReadingWriter(dataSource, new ReadingPartitions(dataSource, Clock.systemUTC(),
                Duration.ofDays(90)));
        long seq = 0;
        long stored = 0;
        while (seq < readings) {
            List<Reading> batch = new ArrayList<>(READINGS_PER_WRITE);
            for (int i = 0; i < READINGS_PER_WRITE && seq < readings; i++, seq++) {
                Instant time = start.plusSeconds(seq / PLUGS * EVERY_SECONDS).plusMillis(seq % PLUGS * 37);
                double watts = 20 + (seq * 7919 % 2000) / 10.0;
                batch.add(new Reading("plug-" + seq % PLUGS, SensorKind.POWER, watts, "W", time, seq + 1));
            }
            stored += writer.write(List.of(new ReadingBatch(gateway, batch))).inserted();
        }
        return stored;
    }
}
