package io.homegrid.persistence.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The day partitions of {@code reading_row}: created before the readings of a day are written,
 * and dropped whole once the day has passed the raw retention. Readings older than the retention
 * are not stored raw (their partition would be dropped at the next pass); the rollups still
 * count them.
 */
public final class ReadingPartitions {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingPartitions.class);
    private static final String PREFIX = "reading_p";
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration retention;
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    /** @param retention how long raw readings are kept; {@link Duration#ZERO} keeps them for ever */
    public ReadingPartitions(DataSource dataSource, Clock clock, Duration retention) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.retention = retention;
    }

    public static LocalDate day(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }

    /** Whether a reading of this time is still kept raw. */
    public boolean keepsRaw(Instant time) {
        return retention.isZero() || !day(time).isBefore(firstKeptDay());
    }

    /** Creates the partitions of the given days that are not known to exist; never inside a write transaction. */
    public void ensure(Collection<LocalDate> days) throws SQLException {
        TreeSet<LocalDate> missing = new TreeSet<>();
        for (LocalDate day : days) {
            if (!known.contains(day)) {
                missing.add(day);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement create = connection.prepareStatement("SELECT homegrid_reading_partition(?)")) {
            connection.setAutoCommit(true);
            for (LocalDate day : missing) {
                create.setObject(1, day);
                create.execute();
                known.add(day);
            }
        }
    }

    /**
     * One maintenance pass: creates today's and tomorrow's partitions ahead of the readings, and
     * drops every partition whose whole day is past the retention. Answers the partitions dropped.
     */
    public List<String> maintain() throws SQLException {
        LocalDate today = day(clock.instant());
        ensure(List.of(today, today.plusDays(1)));
        List<String> dropped = new ArrayList<>();
        if (retention.isZero()) {
            return dropped;
        }
        LocalDate firstKept = firstKeptDay();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            for (String partition : partitions(connection)) {
                LocalDate day = LocalDate.parse(partition.substring(PREFIX.length()), SUFFIX);
                if (day.isBefore(firstKept)) {
                    try (Statement drop = connection.createStatement()) {
                        // The name comes from pg_inherits and matched our pattern, never from input.
                        drop.execute("DROP TABLE " + partition);
                    }
                    known.remove(day);
                    dropped.add(partition);
                }
            }
        }
        if (!dropped.isEmpty()) {
            LOG.info("Dropped {} reading partition(s) past the raw retention of {} day(s): {}", dropped.size(),
                    retention.toDays(), dropped);
        }
        return dropped;
    }

    private LocalDate firstKeptDay() {
        return day(clock.instant().minus(retention));
    }

    private static List<String> partitions(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT c.relname FROM pg_inherits i"
                        + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'reading_row'::regclass"
                        + " ORDER BY c.relname")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name.matches(PREFIX + "\\d{8}")) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
