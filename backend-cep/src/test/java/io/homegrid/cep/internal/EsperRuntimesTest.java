package io.homegrid.cep.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.espertech.esper.runtime.client.EPRuntime;

import io.homegrid.cep.CepSettings;

/** Runtime names: Esper keeps runtimes by name for the whole JVM. */
class EsperRuntimesTest {

    private final EsperRuntimes runtimes = new EsperRuntimes(CepSettings.DEFAULT);
    private final EsperRuntimes otherEngine = new EsperRuntimes(CepSettings.DEFAULT);

    @AfterEach
    void destroy() {
        runtimes.reference().destroy();
        runtimes.household("reference").destroy();
        otherEngine.household("reference").destroy();
    }

    @Test
    void aGatewayNamedReferenceGetsAHouseholdRuntimeOfItsOwn() {
        EPRuntime household = runtimes.household("reference");

        assertThat(household).isNotSameAs(runtimes.reference());
        assertThat(household).isSameAs(runtimes.household("reference"));
        assertThat(household).as("another engine's household").isNotSameAs(otherEngine.household("reference"));
    }
}
