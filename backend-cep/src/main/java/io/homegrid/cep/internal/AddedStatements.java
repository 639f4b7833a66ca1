package io.homegrid.cep.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPUndeployException;

import io.homegrid.cep.GatewayHouseholds;
import io.homegrid.cep.InvalidStatementException;
import io.homegrid.cep.StatementInfo;
import io.homegrid.cep.StatementStore;

/**
 * The statements added at run time, in the order they were added: each compiled once, deployed
 * on every household's runtimes (an operator's) or on one household's only (its admin's), and
 * kept in the {@link StatementStore} so that it survives restarts. Not thread-safe: the engine
 * serialises calls.
 */
public final class AddedStatements {

    private static final Logger LOG = LoggerFactory.getLogger(AddedStatements.class);

    private final StatementCompiler compiler;
    private final StatementStore store;
    private final Predicate<String> builtIn;
    private final GatewayHouseholds gatewayHouseholds;
    private final Map<String, Optional<String>> householdOfGateway = new HashMap<>();
    private final Map<String, Added> added = new LinkedHashMap<>();

    public AddedStatements(StatementCompiler compiler, StatementStore store, Predicate<String> builtIn,
            GatewayHouseholds gatewayHouseholds) {
        this.compiler = compiler;
        this.store = store;
        this.builtIn = builtIn;
        this.gatewayHouseholds = gatewayHouseholds;
    }

    /**
     * Compiles the stored statements; one that no longer compiles, or that the allow-list refuses
     * (it may have been stored before there was one), is logged with the reason and left out.
     * It stays stored; adding a statement under its name replaces it.
     */
    public void restore() {
        store.load().forEach((name, stored) -> compiled(name, stored).ifPresent(statement -> added.put(name, statement)));
    }

    /** A stored statement compiled; empty, with the reason logged, when it no longer compiles. */
    private Optional<Added> compiled(String name, StatementStore.Stored stored) {
        try {
            return Optional.of(new Added(stored.epl(), stored.household(), compiler.compile(name, stored.epl()),
                    new HashMap<>()));
        } catch (InvalidStatementException e) {
            LOG.warn("Stored statement '{}' was not deployed: {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Compiles the statement, deploys it on the given runtimes it is for and stores it.
     *
     * @param household the household whose gateways it runs on; null: every household
     */
    public StatementInfo add(String name, String epl, String household, Collection<Household> households)
            throws InvalidStatementException {
        if (added.containsKey(name) || builtIn.test(name)) {
            throw new IllegalArgumentException("a statement named '" + name + "' exists");
        }
        Added statement = new Added(epl, household, compiler.compile(name, epl), new HashMap<>());
        households.forEach(runtime -> deploy(runtime, statement));
        added.put(name, statement);
        store.save(name, epl, household);
        LOG.info("CEP statement '{}' added{}", name, household == null ? "" : " for household " + household);
        return statement.info(name);
    }

    /** Undeploys the statement from every household and forgets it; false if none was added by that name. */
    public boolean remove(String name) {
        Added statement = added.remove(name);
        if (statement == null) {
            return false;
        }
        statement.deployments().forEach((household, deploymentId) -> undeploy(household, name, deploymentId));
        store.delete(name);
        LOG.info("CEP statement '{}' removed", name);
        return true;
    }

    /**
     * Brings this engine to what the store holds, after another backend instance added or removed
     * a statement (issue 18): those stored and not here are compiled and deployed, those here and
     * no longer stored are undeployed. Nothing is stored or deleted: the other instance did that.
     *
     * @return how many statements were added or removed here
     */
    public int sync(Collection<Household> households) {
        Map<String, StatementStore.Stored> stored = store.load();
        int changed = 0;
        for (String name : List.copyOf(added.keySet())) {
            if (!stored.containsKey(name)) {
                Added statement = added.remove(name);
                statement.deployments().forEach((household, deploymentId) -> undeploy(household, name, deploymentId));
                LOG.info("CEP statement '{}' removed, as another backend instance did", name);
                changed++;
            }
        }
        for (Map.Entry<String, StatementStore.Stored> entry : stored.entrySet()) {
            if (added.containsKey(entry.getKey())) {
                continue;
            }
            Optional<Added> statement = compiled(entry.getKey(), entry.getValue());
            if (statement.isPresent()) {
                households.forEach(runtime -> deploy(runtime, statement.get()));
                added.put(entry.getKey(), statement.get());
                LOG.info("CEP statement '{}' added, as another backend instance did", entry.getKey());
                changed++;
            }
        }
        return changed;
    }

    private static void undeploy(Household household, String name, String deploymentId) {
        try {
            household.undeploy(deploymentId);
        } catch (EPUndeployException e) {
            LOG.warn("[{}] cannot undeploy statement '{}': {}", household.gateway(), name, e.getMessage());
        }
    }

    /** Deploys every added statement on a new household. */
    public void deployTo(Household household) {
        added.values().forEach(statement -> deploy(household, statement));
    }

    public int size() {
        return added.size();
    }

    public List<StatementInfo> infos() {
        return added.entrySet().stream().map(e -> e.getValue().info(e.getKey())).toList();
    }

    /** The household of the gateway this runtime serves, asked once per gateway. */
    private Optional<String> householdOf(Household runtime) {
        return householdOfGateway.computeIfAbsent(runtime.gateway(), gatewayHouseholds::householdOf);
    }

    private void deploy(Household household, Added statement) {
        if (statement.household() != null && !householdOf(household).equals(Optional.of(statement.household()))) {
            return;
        }
        try {
            statement.deployments().put(household, household.deploy(statement.compiled(), null));
        } catch (EPDeployException e) {
            LOG.error("[{}] cannot deploy an added statement: {}", household.gateway(), e.getMessage());
        }
    }

    /** Its EPL, the household it is for (null: all), compiled once, and its deployment id on each runtime. */
    private record Added(String epl, String household, EPCompiled compiled, Map<Household, String> deployments) {

        StatementInfo info(String name) {
            return new StatementInfo(name, epl, false, household);
        }
    }
}
