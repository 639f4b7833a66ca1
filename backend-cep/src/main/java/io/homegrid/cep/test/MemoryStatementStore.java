package io.homegrid.cep.test;

import java.util.LinkedHashMap;
import java.util.Map;

import io.homegrid.cep.StatementStore;

/**
 * The statement store's contract in memory, for tests of the engine and of what calls it; the
 * JDBC store is tested against PostgreSQL.
 */
public final class MemoryStatementStore implements StatementStore {

    private final Map<String, Stored> statements = new LinkedHashMap<>();

    @Override
    public synchronized Map<String, Stored> load() {
        return new LinkedHashMap<>(statements);
    }

    @Override
    public synchronized void save(String name, String epl, String household) {
        statements.put(name, new Stored(epl, household));
    }

    @Override
    public synchronized void delete(String name) {
        statements.remove(name);
    }
}
