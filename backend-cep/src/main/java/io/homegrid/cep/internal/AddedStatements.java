package io.homegrid.cep.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPUndeployException;

import io.homegrid.cep.InvalidStatementException;
import io.homegrid.cep.StatementInfo;
import io.homegrid.cep.StatementStore;

/**
 * The statements added at run time, in the order they were added: each compiled once, deployed
 * on every household, and kept in the {@link StatementStore} so that it survives restarts.
 * Not thread-safe: the engine serialises calls.
 */
public final class AddedStatements {

    private static final Logger LOG = LoggerFactory.getLogger(AddedStatements.class);

    private final StatementCompiler compiler;
    private final StatementStore store;
    private final Predicate<String> builtIn;
    private final Map<String, Added> added = new LinkedHashMap<>();

    public AddedStatements(StatementCompiler compiler, StatementStore store, Predicate<String> builtIn) {
        this.compiler = compiler;
        this.store = store;
        this.builtIn = builtIn;
    }

    /**
     * Compiles the stored statements; one that no longer compiles, or that the allow-list refuses
     * (it may have been stored before there was one), is logged with the reason and left out.
     * It stays stored; adding a statement under its name replaces it.
     */
    public void restore() {
        store.load().forEach((name, epl) -> {
            try {
                added.put(name, new Added(epl, compiler.compile(name, epl), new HashMap<>()));
            } catch (InvalidStatementException e) {
                LOG.warn("Stored statement '{}' was not deployed: {}", name, e.getMessage());
            }
        });
    }

    /** Compiles the statement, deploys it on the given households and stores it. */
    public StatementInfo add(String name, String epl, Collection<Household> households)
            throws InvalidStatementException {
        if (added.containsKey(name) || builtIn.test(name)) {
            throw new IllegalArgumentException("a statement named '" + name + "' exists");
        }
        Added statement = new Added(epl, compiler.compile(name, epl), new HashMap<>());
        households.forEach(household -> deploy(household, statement));
        added.put(name, statement);
        store.save(name, epl);
        LOG.info("CEP statement '{}' added", name);
        return new StatementInfo(name, epl, false);
    }

    /** Undeploys the statement from every household and forgets it; false if none was added by that name. */
    public boolean remove(String name) {
        Added statement = added.remove(name);
        if (statement == null) {
            return false;
        }
        statement.deployments().forEach((household, deploymentId) -> {
            try {
                household.undeploy(deploymentId);
            } catch (EPUndeployException e) {
                LOG.warn("[{}] cannot undeploy statement '{}': {}", household.gateway(), name, e.getMessage());
            }
        });
        store.delete(name);
        LOG.info("CEP statement '{}' removed", name);
        return true;
    }

    /** Deploys every added statement on a new household. */
    public void deployTo(Household household) {
        added.values().forEach(statement -> deploy(household, statement));
    }

    public int size() {
        return added.size();
    }

    public List<StatementInfo> infos() {
        return added.entrySet().stream().map(e -> new StatementInfo(e.getKey(), e.getValue().epl(), false)).toList();
    }

    private static void deploy(Household household, Added statement) {
        try {
            statement.deployments().put(household, household.deploy(statement.compiled(), null));
        } catch (EPDeployException e) {
            LOG.error("[{}] cannot deploy an added statement: {}", household.gateway(), e.getMessage());
        }
    }

    /** Its EPL, compiled once, and its deployment id on each household. */
    private record Added(String epl, EPCompiled compiled, Map<Household, String> deployments) {
    }
}
