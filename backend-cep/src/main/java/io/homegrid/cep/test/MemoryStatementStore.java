package io.homegrid.cep.test;

import java.util.LinkedHashMap;
import java.util.Map;

import io.homegrid.cep.StatementStore;

/**
 * The statement store's contract in memory, for tests of the engine and of what calls it; the
 * JDBC store is tested against PostgreSQL.
 */
public final class MemoryStatementStore implements StatementStore {

    private final Map<String, String> statements = new LinkedHashMap<>();

    @Override
    public synchronized Map<String, String> load() {
        return Map.copyOf(statements);
    }

    @Override
    public synchronized void save(String name, String epl) {
        statements.put(name, epl);
    }

    @Override
    public synchronized void delete(String name) {
        statements.remove(name);
    }
}
