package io.homegrid.sharing.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.homegrid.model.CepOutput;
import io.homegrid.model.ReadingBatch;
import io.homegrid.security.Directory;
import io.homegrid.sharing.SharingSettings;

/** What comes off the bus into the outbox, and the outbox out to the webhooks. */
public final class Sharing {

    /**
     * Which applications have a webhook is read again at most this often: the question comes with
     * every readings message, and the answer changes only when an operator registers one.
     */
    static final long APPLICATIONS_FOR_MILLIS = 1_000;

    private final WebhookStore store;
    private final Selection selection;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private volatile Set<String> applications;
    private volatile long applicationsRead;

    public Sharing(WebhookStore store, Directory directory, SharingSettings settings, Clock clock) {
        this.store = store;
        this.selection = new Selection(directory);
        this.dispatcher = new Dispatcher(store, settings, clock);
        this.clock = clock;
    }

    public void readings(List<ReadingBatch> batches) {
        Set<String> applications = applications();
        if (applications.isEmpty()) {
            return;
        }
        List<Item> items = new ArrayList<>();
        batches.forEach(batch -> items.addAll(selection.readings(batch, applications, clock.instant())));
        store.enqueue(items);
    }

    public void output(CepOutput output) {
        Set<String> applications = applications();
        if (!applications.isEmpty()) {
            store.enqueue(selection.output(output, applications, clock.instant()));
        }
    }

    /** A webhook was registered or removed here: the next message asks the database again. */
    public void forgetApplications() {
        applications = null;
    }

    private Set<String> applications() {
        Set<String> known = applications;
        long now = clock.millis();
        if (known == null || now - applicationsRead >= APPLICATIONS_FOR_MILLIS) {
            known = store.applications();
            applications = known;
            applicationsRead = now;
        }
        return known;
    }

    public void deliverDue() {
        dispatcher.deliverDue();
    }
}
