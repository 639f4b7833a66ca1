package io.homegrid.cep;

import java.util.Map;

/** Where statements added at run time are kept, so that they survive restarts. */
public interface StatementStore {

    /**
     * A stored statement.
     *
     * @param household the household it runs on; null: every household (an operator's)
     */
    record Stored(String epl, String household) {
    }

    /** Name → statement, in the order they were added. */
    Map<String, Stored> load();

    void save(String name, String epl, String household);

    void delete(String name);
}
