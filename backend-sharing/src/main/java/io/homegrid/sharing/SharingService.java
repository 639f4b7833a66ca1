package io.homegrid.sharing;

import java.net.URI;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.jms.BytesMessage;
import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.Session;
import javax.jms.TextMessage;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.model.CepOutput;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.model.bus.ReadingBatchCodec;
import io.homegrid.model.json.Json;
import io.homegrid.security.Directory;
import io.homegrid.sharing.internal.Sharing;
import io.homegrid.sharing.internal.Signature;
import io.homegrid.sharing.internal.WebhookStore;

/**
 * The data sharing service: the one assembly that both the DS component and the embedded launcher
 * start. It reads the parsed readings and the CEP outputs from its own virtual-topic queues, keeps
 * what each registered service may receive in an outbox (PostgreSQL) before it acknowledges the
 * message, and delivers the outbox to the services' webhooks on its own thread.
 */
public final class SharingService implements Webhooks, AutoCloseable {

    /** The service name in this service's virtual-topic queues. */
    public static final String SERVICE = "sharing";

    private static final Logger LOG = LoggerFactory.getLogger(SharingService.class);

    private final SharingSettings settings;
    private final ConnectionFactory connectionFactory;
    private final WebhookStore store;
    private final Sharing sharing;
    private final Clock clock;
    private final ScheduledExecutorService dispatcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sharing-dispatcher");
        thread.setDaemon(true);
        return thread;
    });
    private Connection connection;

    private SharingService(SharingSettings settings, ConnectionFactory connectionFactory, DataSource dataSource,
            Directory directory, Clock clock) {
        this.settings = settings;
        this.connectionFactory = connectionFactory;
        this.store = new WebhookStore(dataSource);
        this.sharing = new Sharing(store, directory, settings, clock);
        this.clock = clock;
    }

    /**
     * @param connectionFactory a plain factory; the service keeps one connection
     * @param directory         the households' gateways and grants
     */
    public static SharingService start(SharingSettings settings, ConnectionFactory connectionFactory, DataSource dataSource,
            Directory directory, Clock clock) throws JMSException {
        SharingService service = new SharingService(settings, connectionFactory, dataSource, directory, clock);
        try {
            service.start();
        } catch (JMSException | RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** The queues this service reads: parsed readings and CEP outputs. */
    public static List<String> queues() {
        return List.of(Destinations.consumerQueue(SERVICE, Destinations.READINGS_PARSED),
                Destinations.consumerQueue(SERVICE, Destinations.CEP_OUT));
    }

    private void start() throws JMSException {
        connection = connectionFactory.createConnection();
        Session readings = connection.createSession(true, Session.SESSION_TRANSACTED);
        readings.createConsumer(readings.createQueue(queues().get(0))).setMessageListener(message -> take(readings,
                message, true));
        Session outputs = connection.createSession(true, Session.SESSION_TRANSACTED);
        outputs.createConsumer(outputs.createQueue(queues().get(1))).setMessageListener(message -> take(outputs,
                message, false));
        connection.start();
        long every = settings.pollEvery().toMillis();
        dispatcher.scheduleWithFixedDelay(sharing::deliverDue, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Data sharing ready: {} webhook(s) registered", store.applications().size());
    }

    /** Kept in the outbox, then acknowledged; a failure rolls the message back, and it comes again. */
    private void take(Session session, Message message, boolean readings) {
        try {
            // Replays are the household's past, sent again: services received them when they happened.
            if (!message.propertyExists(Headers.REPLAY)) {
                if (readings) {
                    sharing.readings(batches(message));
                } else {
                    CepOutput output = Json.mapper().readValue(((TextMessage) message).getText(), CepOutput.class);
                    if (output.replay() == null) {
                        sharing.output(output);
                    }
                }
            }
            session.commit();
        } catch (Exception e) {
            LOG.warn("A {} message was not taken for sharing, it comes again: {}", readings ? "readings" : "CEP output",
                    e.getMessage());
            try {
                session.rollback();
            } catch (JMSException rollback) {
                LOG.error("Rolling back a sharing session failed", rollback);
            }
        }
    }

    private static List<ReadingBatch> batches(Message message) throws Exception {
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            return ReadingBatchCodec.decodeAll(body);
        }
        return List.of(Json.mapper().readValue(((TextMessage) message).getText(), ReadingBatch.class));
    }

    @Override
    public Registration register(String application, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("an absolute https:// URL, such as https://service.example/homegrid");
        }
        if (scheme.equals("http") && !settings.insecureHttp()) {
            throw new IllegalArgumentException("must be https://: households' data is not sent in the clear");
        }
        byte[] key = Signature.newKey();
        store.register(application, url, key, clock.instant());
        sharing.forgetApplications();
        // The host only: a URL's path or query may carry a token of the service's.
        LOG.info("[{}] webhook registered at {}://{}", application, scheme, url.getHost());
        return new Registration(application, url.toString(), Base64.getEncoder().encodeToString(key));
    }

    @Override
    public boolean remove(String application) {
        boolean removed = store.remove(application);
        sharing.forgetApplications();
        return removed;
    }

    @Override
    public Optional<Status> status(String application) {
        return store.status(application);
    }

    @Override
    public List<HouseholdStatus> household(String household) {
        return store.household(household);
    }

    @Override
    public void close() {
        dispatcher.shutdownNow();
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.warn("Closing the sharing connection failed", e);
            }
        }
    }
}
