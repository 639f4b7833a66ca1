package io.homegrid.cep;

import java.util.Map;

/** Where statements added at run time are kept, so that they survive restarts. */
public interface StatementStore {

    /** Name → EPL, in the order they were added. */
    Map<String, String> load();

    void save(String name, String epl);

    void delete(String name);
}
