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

    private final WebhookStore store;
    private final Selection selection;
    private final Dispatcher dispatcher;
    private final Clock clock;

    public Sharing(WebhookStore store, Directory directory, SharingSettings settings, Clock clock) {
        this.store = store;
        this.selection = new Selection(directory);
        this.dispatcher = new Dispatcher(store, settings, clock);
        this.clock = clock;
    }

    public void readings(List<ReadingBatch> batches) {
        Set<String> applications = store.applications();
        if (applications.isEmpty()) {
            return;
        }
        List<Item> items = new ArrayList<>();
        batches.forEach(batch -> items.addAll(selection.readings(batch, applications, clock.instant())));
        store.enqueue(items);
    }

    public void output(CepOutput output) {
        Set<String> applications = store.applications();
        if (!applications.isEmpty()) {
            store.enqueue(selection.output(output, applications, clock.instant()));
        }
    }

    public void deliverDue() {
        dispatcher.deliverDue();
    }
}
