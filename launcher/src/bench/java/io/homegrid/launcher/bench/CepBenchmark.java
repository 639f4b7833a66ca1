package io.homegrid.launcher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.apache.activemq.broker.BrokerPlugin;

import com.zaxxer.hikari.HikariDataSource;

import io.homegrid.bus.EmbeddedBroker;
import io.homegrid.cep.CepEngine;
import io.homegrid.cep.CepService;
import io.homegrid.cep.CepSettings;
import io.homegrid.cep.StatementStore;
import io.homegrid.launcher.internal.EmbeddedDatabase;
import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.SensorKind;
import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.model.json.Json;
import io.homegrid.sql.SchemaMigrator;

/**
 * Throughput of the CEP service alone, with the six built-in statements deployed: the paper's
 * households (50 gateways × 15 plugs reporting power and current every 2 s, one room thermometer
 * each) for a span of event time.
 *
 * <ol>
 * <li><b>engine</b>: parsed batches handed straight to {@link CepEngine#accept}, no I/O;</li>
 * <li><b>service</b>: the same batches waiting as persistent messages in a real ActiveMQ queue (the
 * CEP service's {@code readings.parsed} consumer queue), taken by {@link CepService}, outputs
 * published to {@code cep.out} and counted by a subscriber.</li>
 * </ol>
 *
 * <p>Run: {@code mvn -B -pl launcher -am -Pbench -DskipTests verify -Dbench.main=io.homegrid.launcher.bench.CepBenchmark}
 * (options: -Dbench.households=50 -Dbench.plugs=15 -Dbench.minutes=30).
 */
public final class CepBenchmark {

    private static final Duration PERIOD = Duration.ofSeconds(2);

    private CepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int households = Integer.getInteger("bench.households", 50);
        int plugs = Integer.getInteger("bench.plugs", 15);
        int minutes = Integer.getInteger("bench.minutes", 30);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
        List<ReadingBatch> warmUp = workload(households, plugs, 5, start.minus(Duration.ofHours(1)));
        List<ReadingBatch> batches = workload(households, plugs, minutes, start);
        long readings = batches.stream().mapToLong(b -> b.readings().size()).sum();
        System.out.printf("%d households x %d plugs (power and current every %d s) + 1 thermometer each, %d min of event time: "
                + "%d batches, %d readings; %d cores%n", households, plugs, PERIOD.toSeconds(), minutes, batches.size(),
                readings, Runtime.getRuntime().availableProcessors());

        List<String> rows = new ArrayList<>();
        engineAlone(warmUp);
        rows.add(engineAlone(batches));
        rows.add(service(batches, warmUp));
        System.out.println();
        System.out.println("| path | readings | readings/s | outputs | outputs per second of the run |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** The event streams of the paper's households, batch by batch as the parser publishes them. */
    static List<ReadingBatch> workload(int households, int plugs, int minutes, Instant start) {
        List<ReadingBatch> batches = new ArrayList<>();
        long rounds = Duration.ofMinutes(minutes).dividedBy(PERIOD);
        Map<Integer, Long> seqs = new LinkedHashMap<>();
        for (long round = 0; round < rounds; round++) {
            Instant time = start.plus(PERIOD.multipliedBy(round));
            for (int h = 0; h < households; h++) {
                List<Reading> readings = new ArrayList<>(plugs * 2 + 1);
                long seq = seqs.merge(h, (long) plugs * 2 + 1, Long::sum);
                for (int p = 0; p < plugs; p++) {
                    // a fridge-like duty cycle: 10 minutes on, 5 off, phase shifted per plug
                    boolean on = ((round + p * 37L) % 450) < 300;
                    double watts = on ? 60 + p * 10 + (round % 7) : 1.5;
                    String device = "h" + h + "-plug-" + p;
                    readings.add(new Reading(device, SensorKind.POWER, watts, "W", time, seq - 2L * p));
                    readings.add(new Reading(device, SensorKind.CURRENT, watts / 230, "A", time, seq - 2L * p - 1));
                }
                readings.add(new Reading("h" + h + "-room", SensorKind.TEMPERATURE, 19 + (round % 20) / 10.0, "°C", time,
                        seq - 2L * plugs));
                batches.add(new ReadingBatch("bench-" + h, readings));
            }
        }
        return batches;
    }

    private static String engineAlone(List<ReadingBatch> batches) {
        AtomicLong outputs = new AtomicLong();
        CepEngine engine = new CepEngine(CepSettings.DEFAULT, output -> outputs.incrementAndGet(), new NoStore(),
                Clock.systemUTC());
        engine.start();
        long readings = batches.stream().mapToLong(b -> b.readings().size()).sum();
        long began = System.nanoTime();
        for (ReadingBatch batch : batches) {
            engine.accept(batch);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        engine.close();
        return row("engine alone (CepEngine.accept, no I/O)", readings, seconds, outputs.get());
    }

    private static String service(List<ReadingBatch> batches, List<ReadingBatch> warmUp) throws Exception {
        Path dir = Files.createTempDirectory("homegrid-cep-bench");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("postgres"));
                HikariDataSource dataSource = dataSource(database);
                EmbeddedBroker broker = EmbeddedBroker.start("cep-bench", dir.resolve("broker"), EmbeddedBroker.Ports.NONE,
                        new BrokerPlugin[0], CepService.readingsQueue())) {
            SchemaMigrator.migrate(dataSource);
            Connection connection = broker.connectionFactory().createConnection();
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            AtomicLong outputs = new AtomicLong();
            session.createConsumer(session.createTopic(Destinations.CEP_OUT)).setMessageListener(m -> outputs.incrementAndGet());

            List<ReadingBatch> all = new ArrayList<>(warmUp);
            all.addAll(batches);
            all.addAll(flush(batches));
            enqueue(session, all);
            long warmUpReadings = warmUp.stream().mapToLong(b -> b.readings().size()).sum();
            long readings = batches.stream().mapToLong(b -> b.readings().size()).sum();

            try (CepService cep = CepService.start(CepSettings.DEFAULT, broker.connectionFactory(), dataSource, Clock.systemUTC())) {
                awaitProcessed(cep.engine(), warmUpReadings);
                long outputsBefore = outputs.get();
                long began = System.nanoTime();
                awaitProcessed(cep.engine(), warmUpReadings + readings);
                double seconds = (System.nanoTime() - began) / 1e9;
                // outputs are published from their own thread: count them once the subscriber has them all
                long delivered;
                do {
                    delivered = outputs.get();
                    LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                } while (outputs.get() != delivered);
                connection.close();
                return row("CEP service (ActiveMQ queue → CepService → cep.out subscriber)", readings, seconds,
                        delivered - outputsBefore);
            }
        }
    }

    /** One reading per household far enough ahead that every reading of the run is past the lateness bound. */
    private static List<ReadingBatch> flush(List<ReadingBatch> batches) {
        ReadingBatch last = batches.get(batches.size() - 1);
        Instant after = last.readings().get(0).time().plus(Duration.ofMinutes(1));
        return batches.stream().map(ReadingBatch::gateway).distinct()
                .map(g -> new ReadingBatch(g, List.of(new Reading(g + "-flush", SensorKind.POWER, 0, "W", after, Long.MAX_VALUE))))
                .toList();
    }

    private static void enqueue(Session session, List<ReadingBatch> batches) throws Exception {
        MessageProducer producer = session.createProducer(session.createQueue(CepService.readingsQueue()));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (ReadingBatch batch : batches) {
            TextMessage message = session.createTextMessage(Json.mapper().writeValueAsString(batch));
            message.setStringProperty(Headers.GATEWAY, batch.gateway());
            message.setStringProperty(Headers.GROUP, batch.gateway());
            producer.send(message);
        }
        producer.close();
    }

    private static void awaitProcessed(CepEngine engine, long readings) {
        while (engine.processedReadings() + engine.lateReadings() < readings) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    private static HikariDataSource dataSource(EmbeddedDatabase database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.user());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }

    private static String row(String path, long readings, double seconds, long outputs) {
        return String.format(Locale.ROOT, "| %s | %d | %.0f | %d | %.0f |", path, readings, readings / seconds, outputs,
                outputs / seconds);
    }

    /** Statements added at run time are not part of this benchmark. */
    private static final class NoStore implements StatementStore {
        @Override
        public Map<String, Stored> load() {
            return Map.of();
        }

        @Override
        public void save(String name, String epl, String household) {
            throw new UnsupportedOperationException("the benchmark adds no statements");
        }

        @Override
        public void delete(String name) {
            throw new UnsupportedOperationException("the benchmark adds no statements");
        }
    }
}
