package io.homegrid.routes.rest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Session;
import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;

import io.homegrid.persistence.IngestStats;

/** The checks behind {@code GET /health}. */
public final class HealthChecks {

    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    private HealthChecks() {
    }

    /** Up when a session can be opened on the broker. */
    public static HealthCheck broker(ConnectionFactory factory) {
        return HealthCheck.of("broker", () -> {
            try (javax.jms.Connection connection = factory.createConnection();
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                return null;
            } catch (JMSException e) {
                return "cannot open a session: " + e.getMessage();
            }
        });
    }

    /** Up when a pooled connection answers within two seconds. */
    public static HealthCheck database(DataSource dataSource) {
        return HealthCheck.of("database", () -> {
            try (Connection connection = dataSource.getConnection()) {
                return connection.isValid(DATABASE_TIMEOUT_SECONDS) ? null : "connection not valid";
            } catch (SQLException e) {
                return "cannot connect: " + e.getMessage();
            }
        });
    }

    /**
     * Up when the parser's Camel context, all its routes and the persistence connector's consumers
     * run; each supplier answers null while its service is absent (redeployed in OSGi).
     */
    public static HealthCheck routes(Supplier<CamelContext> parser, Supplier<IngestStats> persistenceService) {
        return HealthCheck.of("routes", () -> {
            CamelContext camel = parser.get();
            IngestStats persistence = persistenceService.get();
            if (camel == null) {
                return "the Sensor Data Parser is not running";
            }
            if (persistence == null) {
                return "the persistence connector is not running";
            }
            if (!camel.isStarted()) {
                return "Camel context " + camel.getName() + " is " + camel.getStatus();
            }
            List<Route> routes = camel.getRoutes();
            String stopped = routes.stream()
                    .filter(route -> camel.getRouteController().getRouteStatus(route.getRouteId()) != ServiceStatus.Started)
                    .map(Route::getRouteId).collect(Collectors.joining(", "));
            if (!stopped.isEmpty()) {
                return "routes not started: " + stopped;
            }
            return persistence.running() ? null : "persistence connector is not consuming";
        });
    }
}
