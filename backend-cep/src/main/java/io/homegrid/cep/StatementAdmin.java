package io.homegrid.cep;

import java.util.List;

/** CEP administration through the Aggregate Sensing Interface. */
public interface StatementAdmin {

    List<StatementInfo> statements();

    /**
     * Compiles and deploys a statement; it survives restarts.
     *
     * @throws InvalidStatementException when the EPL does not compile or uses what statements may not
     * @throws IllegalArgumentException when the name is taken
     */
    default StatementInfo add(String name, String epl) throws InvalidStatementException {
        return add(name, epl, null);
    }

    /**
     * Compiles and deploys a statement on one household's gateways only (null: on every household).
     *
     * @throws InvalidStatementException when the EPL does not compile or uses what statements may not
     * @throws IllegalArgumentException when the name is taken
     */
    StatementInfo add(String name, String epl, String household) throws InvalidStatementException;

    /** Undeploys a statement added through {@link #add}; false if there is none by that name. */
    boolean remove(String name);
}
