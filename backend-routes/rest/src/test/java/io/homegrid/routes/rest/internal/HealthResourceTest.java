package io.homegrid.routes.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.homegrid.routes.rest.HealthCheck;

class HealthResourceTest {

    @Test
    void allPartsUpIs200() {
        Response response = new HealthResource(List.of(check("broker", null), check("database", null))).health();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(((HealthResource.Health) response.getEntity()).status()).isEqualTo("UP");
    }

    @Test
    void aPartDownIs503NamingItAndWhy() {
        Response response = new HealthResource(List.of(check("broker", null),
                check("database", "cannot connect: refused"))).health();

        HealthResource.Health health = (HealthResource.Health) response.getEntity();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(health.status()).isEqualTo("DOWN");
        assertThat(health.checks().get("broker")).isEqualTo(new HealthResource.Part("UP", null, null));
        assertThat(health.checks().get("database")).isEqualTo(new HealthResource.Part("DOWN", "cannot connect: refused", null));
    }

    private static HealthCheck check(String name, String problem) {
        return HealthCheck.of(name, () -> problem);
    }
}
