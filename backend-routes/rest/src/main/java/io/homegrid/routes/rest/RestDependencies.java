package io.homegrid.routes.rest;

import java.util.function.Supplier;

import io.homegrid.bus.BrokerLoad;

import javax.jms.ConnectionFactory;

import org.apache.camel.CamelContext;

import io.homegrid.cep.StatementAdmin;
import io.homegrid.persistence.IngestStats;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.replay.ReplayClient;
import io.homegrid.security.AccessControl;
import io.homegrid.sharing.Webhooks;

/**
 * What the REST API talks to. The parser and persistence may come and go in OSGi (their bundles
 * redeployed), so they are given as suppliers answering null while absent; the health document
 * then names the missing part.
 *
 * @param bus        a pooling factory: pushes, relay commands and live subscriptions borrow from it
 * @param database   the database's health check: the pool's ({@link HealthChecks#database}), or one
 *                   that also knows whether a supervised embedded server is running
 * @param access     who is calling, and what they may touch
 * @param repository answers queries, or fails with a 503 while the persistence service is away
 * @param replays    records replays and sends Replay Control their commands
 * @param broker     how full the broker's store is, null while unknown; pushes wait before it fills
 * @param webhooks   the registered services' delivery endpoints (data sharing)
 */
public record RestDependencies(ConnectionFactory bus, HealthCheck database, SensorDataRepository repository,
        IngestStats ingest, StatementAdmin cep, AccessControl access, Supplier<CamelContext> parser, Supplier<IngestStats> persistence,
        ReplayClient replays, Supplier<BrokerLoad> broker, Webhooks webhooks) {
}
