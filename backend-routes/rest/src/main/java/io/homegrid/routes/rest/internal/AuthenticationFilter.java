package io.homegrid.routes.rest.internal;

import java.util.concurrent.TimeUnit;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.ext.Provider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.routes.rest.RequestLimits;
import io.homegrid.security.AccessControl;
import io.homegrid.security.AuthenticationException;
import io.homegrid.security.Caller;

/**
 * Asks every request who is calling, before any resource runs: a resource method is reached only
 * with valid credentials, unless it is {@link Public}. What the caller may touch is each
 * resource's to check ({@link Access}), since that depends on the household in the path.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);

    private final AccessControl access;
    /** People are not limited: they are few, and their requests cost a database query each anyway. */
    private final RequestRates rates;
    private final int perSecond;

    @Context
    ResourceInfo resource;

    public AuthenticationFilter(AccessControl access, RequestLimits limits) {
        this.access = access;
        this.perSecond = limits.requestsPerSecond();
        this.rates = new RequestRates(limits.requestsPerSecond(), limits.requestBurst(), System::nanoTime);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isPublic()) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        try {
            Caller caller = access.authenticate(authorization);
            SecurityContext original = request.getSecurityContext();
            String scheme = authorization.regionMatches(true, 0, "Basic", 0, 5) ? SecurityContext.BASIC_AUTH : "Bearer";
            request.setSecurityContext(new CallerContext(caller, original != null && original.isSecure(), scheme));
            long wait = caller instanceof Caller.User ? 0 : rates.take(caller.name());
            if (wait > 0) {
                long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999));
                request.abortWith(Response.fromResponse(ErrorBody.response(429, "Authorization", "at most "
                        + perSecond + " requests a second; retry in " + seconds + " s"))
                        .header(HttpHeaders.RETRY_AFTER, seconds).build());
            }
        } catch (AuthenticationException e) {
            // Never the credentials themselves: only which path was refused and why.
            LOG.debug("401 for {} {}: {}", request.getMethod(), request.getUriInfo().getPath(), e.getMessage());
            request.abortWith(Response.fromResponse(ErrorBody.response(401, "Authorization", e.getMessage()))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"homegrid\", Basic realm=\"homegrid\"").build());
        }
    }

    private boolean isPublic() {
        return resource != null && resource.getResourceMethod() != null
                && (Public.ON.test(resource.getResourceMethod()) || resource.getResourceClass().isAnnotationPresent(Public.class));
    }
}
