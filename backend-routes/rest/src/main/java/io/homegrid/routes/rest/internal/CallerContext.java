package io.homegrid.routes.rest.internal;

import java.security.Principal;

import javax.ws.rs.core.SecurityContext;

import io.homegrid.security.Caller;

/** The authenticated caller, as JAX-RS hands it to the resources ({@code @Context SecurityContext}). */
final class CallerContext implements SecurityContext {

    private final Caller caller;
    private final boolean secure;
    private final String scheme;

    CallerContext(Caller caller, boolean secure, String scheme) {
        this.caller = caller;
        this.secure = secure;
        this.scheme = scheme;
    }

    /** The caller of a request the authentication filter let through. */
    static Caller of(SecurityContext context) {
        if (context instanceof CallerContext callerContext) {
            return callerContext.caller;
        }
        // Only reachable if a resource method without @Public was called without the filter.
        throw new ApiException(401, "Authorization", "send credentials");
    }

    @Override
    public Principal getUserPrincipal() {
        return caller::name;
    }

    @Override
    public boolean isUserInRole(String role) {
        return caller instanceof Caller.User user && user.role().wire().equals(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return scheme;
    }
}
