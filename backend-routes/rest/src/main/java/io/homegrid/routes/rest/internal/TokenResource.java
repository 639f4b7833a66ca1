package io.homegrid.routes.rest.internal;

import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.FormParam;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.security.AccessControl;
import io.homegrid.security.AccessToken;
import io.homegrid.security.AuthenticationException;
import io.homegrid.security.BasicCredentials;

/**
 * Logging in, in the OAuth2 token-response shape: people with the password grant (the JSON body
 * {@code {"username","password"}} or the form), applications with the client-credentials grant
 * (their id and secret in the body, the form, or as HTTP Basic).
 */
@Path("/api/v1/auth/token")
@Produces(MediaType.APPLICATION_JSON)
@Public
public final class TokenResource {

    private static final String CLIENT_CREDENTIALS = "client_credentials";

    private final AccessControl access;

    public TokenResource(AccessControl access) {
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response json(JsonNode body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        JsonFields fields = JsonFields.of(body);
        return token(fields.optionalText("grant_type"), fields.optionalText("username"), fields.optionalText("password"),
                fields.optionalText("client_id"), fields.optionalText("client_secret"), authorization);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response form(@FormParam("grant_type") String grantType, @FormParam("username") String username,
            @FormParam("password") String password, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return token(grantType, username, password, clientId, clientSecret, authorization);
    }

    private Response token(String grantType, String username, String password, String clientId, String clientSecret,
            String authorization) {
        try {
            AccessToken token;
            if (CLIENT_CREDENTIALS.equals(grantType)) {
                String[] client = clientId != null ? new String[] {clientId, clientSecret} : basic(authorization);
                if (client[0] == null || client[1] == null) {
                    throw ApiException.badRequest("client_id", "send client_id and client_secret, or them as HTTP Basic");
                }
                token = access.clientToken(client[0], client[1]);
            } else if (grantType == null || "password".equals(grantType)) {
                if (username == null || password == null) {
                    throw ApiException.badRequest(username == null ? "username" : "password", "required to log in");
                }
                token = access.login(username, password);
            } else {
                throw ApiException.badRequest("grant_type", "'password' or 'client_credentials'");
            }
            return Response.ok(Map.of("access_token", token.value(), "token_type", "Bearer",
                    "expires_in", token.expiresInSeconds())).header("Cache-Control", "no-store").build();
        } catch (AuthenticationException e) {
            return ErrorBody.response(401, "credentials", e.getMessage());
        }
    }

    private static String[] basic(String authorization) {
        if (!BasicCredentials.isBasic(authorization)) {
            return new String[2];
        }
        try {
            BasicCredentials credentials = BasicCredentials.parse(authorization);
            return new String[] {credentials.name(), credentials.secret()};
        } catch (AuthenticationException e) {
            throw ApiException.badRequest("Authorization", e.getMessage());
        }
    }
}
