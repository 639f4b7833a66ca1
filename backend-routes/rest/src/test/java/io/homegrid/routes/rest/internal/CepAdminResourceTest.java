package io.homegrid.routes.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.homegrid.cep.CepEngine;
import io.homegrid.cep.CepSettings;
import io.homegrid.cep.StatementInfo;
import io.homegrid.cep.test.MemoryStatementStore;
import io.homegrid.security.Caller;
import io.homegrid.security.Role;
import io.homegrid.security.test.AccessFixture;
import io.homegrid.testing.TestPostgres;

/** Adding statements over the Aggregate Sensing Interface, with the real engine behind it. */
class CepAdminResourceTest {

    private final MemoryStatementStore store = new MemoryStatementStore();
    private final CepEngine engine = new CepEngine(CepSettings.DEFAULT, output -> { }, store,
            Clock.systemUTC());
    private final AccessFixture identities = AccessFixture.on(TestPostgres.freshDatabase());
    private final CepAdminResource resource = new CepAdminResource(new Access(identities.access()), engine);
    private final SecurityContext operator = new CallerContext(new Caller.User("op", Role.OPERATOR, null), true, "Bearer");

    @BeforeEach
    void start() {
        engine.start();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aStatementThatCallsIntoTheJvmIsAnswered400NamingEplAndWhatWasRefused() {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> resource.add(body("home",
                "select java.lang.System.getProperty('user.home') from PowerReading"), operator));
        Response response = new ErrorMappers.Api().toResponse(refused);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getEntity()).isEqualTo(new ErrorBody(400, "Bad Request", "epl",
                "java.lang.System is not allowed in a statement"));
        assertThat(store.load()).isEmpty();
    }

    @Test
    void anAllowedStatementIsCreated() {
        Response response = resource.add(body("kettle-on", "select gateway, device, value from PowerReading(value > 17)"), operator);

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(store.load()).containsKey("kettle-on");
    }

    @Test
    void aHouseholdAdminManagesTheirOwnHouseholdsStatementsOnly() {
        String a = identities.household("cep-a").id();
        String b = identities.household("cep-b").id();
        SecurityContext adminA = user("admin-a", Role.HOUSEHOLD_ADMIN, a);
        SecurityContext adminB = user("admin-b", Role.HOUSEHOLD_ADMIN, b);
        resource.add(body("platform", "select device from PowerReading(value > 5000)"), operator);

        Response added = resource.add(body("kettle-a", "select device from PowerReading(value > 2000)"), adminA);
        ApiException elsewhere = catchThrowableOfType(ApiException.class, () -> resource.add(
                body("kettle-b", "select device from PowerReading").put("household", b), adminA));
        ApiException othersStatement = catchThrowableOfType(ApiException.class, () -> resource.remove("kettle-a", adminB));
        ApiException platformStatement = catchThrowableOfType(ApiException.class, () -> resource.remove("platform", adminA));
        ApiException resident = catchThrowableOfType(ApiException.class,
                () -> resource.list(null, null, user("res-a", Role.RESIDENT, a)));

        assertThat(added.getStatus()).isEqualTo(201);
        assertThat(store.load().get("kettle-a").household()).isEqualTo(a);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(store.load()).doesNotContainKey("kettle-b");
        assertThat(statements(resource.list(null, null, adminB))).extracting(StatementInfo::name)
                .contains("platform", "device-switch").doesNotContain("kettle-a");
        assertThat(statements(resource.list(null, null, adminA))).extracting(StatementInfo::name).contains("kettle-a");
        assertThat(othersStatement.status()).isEqualTo(404);
        assertThat(platformStatement.status()).isEqualTo(403);
        assertThat(resident.status()).isEqualTo(403);
        assertThat(resource.remove("kettle-a", adminA).getStatus()).isEqualTo(204);
        assertThat(store.load()).containsOnlyKeys("platform");
    }

    private static SecurityContext user(String name, Role role, String household) {
        return new CallerContext(new Caller.User(name, role, household), true, "Bearer");
    }

    private static ObjectNode body(String name, String epl) {
        return JsonNodeFactory.instance.objectNode().put("name", name).put("epl", epl);
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<StatementInfo> statements(java.util.Map<String, Object> answer) {
        return (java.util.List<StatementInfo>) answer.get("statements");
    }
}
