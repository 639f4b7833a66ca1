package io.homegrid.model.validation.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.homegrid.model.validation.Limits;
import io.homegrid.testing.osgi.ComponentConfig;
import io.homegrid.testing.osgi.StubBundleContext;

class IngestLimitsComponentTest {

    private final StubBundleContext bundle = new StubBundleContext();
    private final IngestLimitsComponent component = new IngestLimitsComponent();

    @Test
    void itsDefaultsAreTheLimitsRecords() {
        assertThat(IngestLimitsComponent.limits(ComponentConfig.defaults(IngestLimitsConfig.class))).isEqualTo(Limits.DEFAULT);
    }

    @Test
    void offersTheConfiguredLimitsAsOneServiceUntilDeactivated() {
        component.activate(ComponentConfig.of(IngestLimitsConfig.class).with("maxBatchSize", 2_000)
                .with("maxFutureSkewSeconds", 60).build(), bundle.context());

        Limits limits = bundle.service(Limits.class);
        assertThat(limits.maxBatchSize()).isEqualTo(2_000);
        assertThat(limits.maxFutureSkew()).isEqualTo(Duration.ofMinutes(1));
        assertThat(limits.earliest()).isEqualTo(Limits.DEFAULT.earliest());

        component.deactivate();
        assertThat(bundle.unregistered()).hasSize(1);
    }
}
