package io.homegrid.persistence.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Idempotency on (gateway, seq) that no partition boundary can break: one bit per seq, in
 * {@code reading_seen} rows of {@value #BLOCK} seqs. A write locks the rows of its seqs' blocks
 * (in key order, so two writers cannot deadlock), keeps the readings whose bit is clear and sets
 * their bits, all in the transaction that stores them. A reading re-sent with another time is
 * still found: the bit is keyed by gateway and seq alone.
 */
final class SeenBlocks {

    static final int BLOCK = 4096;
    private static final int BYTES = BLOCK / Byte.SIZE;

    private static final String CREATE = """
            INSERT INTO reading_seen (gateway_key, block, seen)
            SELECT g, b, decode(repeat('00', %d), 'hex') FROM unnest(?::int[], ?::bigint[]) AS u(g, b)
            ON CONFLICT (gateway_key, block) DO NOTHING""".formatted(BYTES);

    private static final String LOCK = """
            SELECT s.gateway_key, s.block, s.seen FROM reading_seen s
            JOIN unnest(?::int[], ?::bigint[]) AS u(g, b) ON s.gateway_key = u.g AND s.block = u.b
            ORDER BY s.gateway_key, s.block FOR UPDATE OF s""";

    private static final String UPDATE = """
            UPDATE reading_seen s SET seen = u.seen
            FROM unnest(?::int[], ?::bigint[], ?::bytea[]) AS u(g, b, seen)
            WHERE s.gateway_key = u.g AND s.block = u.b""";

    private SeenBlocks() {
    }

    /** A reading to claim: its gateway's key and seq. */
    interface Keyed {
        int gatewayKey();

        long seq();
    }

    /**
     * Answers the readings whose (gateway, seq) was not stored before, in the given order, and
     * marks them stored; the caller must store exactly those before committing.
     */
    static <T extends Keyed> List<T> claim(Connection connection, List<T> readings) throws SQLException {
        if (readings.isEmpty()) {
            return readings;
        }
        Map<BlockKey, BitSet> blocks = new TreeMap<>();
        for (T reading : readings) {
            blocks.putIfAbsent(new BlockKey(reading.gatewayKey(), Math.floorDiv(reading.seq(), BLOCK)), null);
        }
        Object[] gateways = new Object[blocks.size()];
        Object[] numbers = new Object[blocks.size()];
        int i = 0;
        for (BlockKey key : blocks.keySet()) {
            gateways[i] = key.gateway();
            numbers[i++] = key.block();
        }
        try (PreparedStatement create = connection.prepareStatement(CREATE)) {
            create.setArray(1, connection.createArrayOf("int4", gateways));
            create.setArray(2, connection.createArrayOf("int8", numbers));
            create.executeUpdate();
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setArray(1, connection.createArrayOf("int4", gateways));
            lock.setArray(2, connection.createArrayOf("int8", numbers));
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    // PostgreSQL's set_bit numbers bits from the low end of each byte, as BitSet
                    // does: bit n is byte n/8, bit n%8.
                    blocks.put(new BlockKey(rs.getInt(1), rs.getLong(2)), BitSet.valueOf(rs.getBytes(3)));
                }
            }
        }
        List<T> fresh = new ArrayList<>(readings.size());
        Map<BlockKey, BitSet> changed = new TreeMap<>();
        for (T reading : readings) {
            BlockKey key = new BlockKey(reading.gatewayKey(), Math.floorDiv(reading.seq(), BLOCK));
            BitSet bits = blocks.get(key);
            int bit = (int) Math.floorMod(reading.seq(), (long) BLOCK);
            if (!bits.get(bit)) {
                bits.set(bit);
                changed.put(key, bits);
                fresh.add(reading);
            }
        }
        update(connection, changed);
        return fresh;
    }

    private static void update(Connection connection, Map<BlockKey, BitSet> changed) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        Object[] gateways = new Object[changed.size()];
        Object[] numbers = new Object[changed.size()];
        byte[][] seen = new byte[changed.size()][];
        int i = 0;
        for (Map.Entry<BlockKey, BitSet> entry : changed.entrySet()) {
            gateways[i] = entry.getKey().gateway();
            numbers[i] = entry.getKey().block();
            seen[i++] = bytes(entry.getValue());
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setArray(1, connection.createArrayOf("int4", gateways));
            update.setArray(2, connection.createArrayOf("int8", numbers));
            update.setArray(3, connection.createArrayOf("bytea", seen));
            update.executeUpdate();
        }
    }

    private static byte[] bytes(BitSet bits) {
        byte[] out = new byte[BYTES];
        byte[] set = bits.toByteArray();
        System.arraycopy(set, 0, out, 0, set.length);
        return out;
    }

    private record BlockKey(int gateway, long block) implements Comparable<BlockKey> {

        @Override
        public int compareTo(BlockKey other) {
            int c = Integer.compare(gateway, other.gateway);
            return c != 0 ? c : Long.compare(block, other.block);
        }
    }
}
