package io.homegrid.routes.rest.internal;

import java.time.Duration;
import java.util.Optional;

import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.homegrid.model.CommandResult;
import io.homegrid.model.GatewayCommand;
import io.homegrid.model.json.Json;
import io.homegrid.routes.rest.CommandBus;
import io.homegrid.security.Caller;

/**
 * Administering a gateway from the backend over its command channel (discovery, settings): who
 * may (the household's admins and operators; everybody else learns nothing of the gateway), and
 * the command's round trip, audited; 504 when the gateway did not answer, 409 when it refused.
 */
public final class GatewayAdministration {

    private final Access access;
    private final CommandBus commands;

    public GatewayAdministration(Access access, CommandBus commands) {
        this.access = access;
        this.commands = commands;
    }

    /** Who asks, and the household of the gateway they may manage. */
    record Managed(Caller.User user, String household) {
    }

    Managed admin(String gateway, SecurityContext security, String what) {
        QueryParams.id(gateway, "gatewayId");
        Caller caller = CallerContext.of(security);
        String household = access.control().householdOf(gateway)
                .orElseThrow(() -> ApiException.notFound("gatewayId", "no gateway '" + gateway + "' is known"));
        try {
            return new Managed(access.admin(caller, household, what), household);
        } catch (ApiException e) {
            if (e.status() == 404) {
                // the household's name would tell an outsider more than the gateway's
                throw ApiException.notFound("gatewayId", "no gateway '" + gateway + "' is known");
            }
            throw e;
        }
    }

    /** Sends a command and waits for the gateway's result; 504 without one, 409 when it refused. */
    CommandResult send(String gateway, GatewayCommand command, Duration timeout, Managed admin,
            String audited, String refusedField) throws JsonProcessingException {
        Optional<String> answer = commands.request(gateway, command.id(), Json.mapper().writeValueAsString(command),
                timeout);
        if (answer.isEmpty()) {
            if (audited != null) {
                access.control().audit().record(admin.user(), admin.household(), audited, gateway, "not confirmed");
            }
            throw new ApiException(504, "gatewayId", "gateway " + gateway + " did not answer within "
                    + timeout.toSeconds() + " s");
        }
        CommandResult result = Json.mapper().readValue(answer.get(), CommandResult.class);
        if (audited != null) {
            access.control().audit().record(admin.user(), admin.household(), audited, gateway, result.ok() ? "ok"
                    : (result.outcome() == null ? "refused" : result.outcome()) + ": " + result.reason());
        }
        if (!result.ok()) {
            throw new ApiException(409, refusedField, "gateway " + gateway + " " + (result.outcome() == null ? "refused"
                    : result.outcome()) + ": " + result.reason());
        }
        return result;
    }
}
