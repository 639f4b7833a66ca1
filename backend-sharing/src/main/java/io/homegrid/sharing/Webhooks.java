package io.homegrid.sharing;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The registered services' delivery endpoints and how their deliveries go. */
public interface Webhooks {

    /**
     * Gives the application an endpoint, or a new one with a new signing key; items already waiting
     * go to the new endpoint.
     *
     * @return the registration with its signing key, which is shown only here
     * @throws IllegalArgumentException for a URL that is not HTTPS (unless insecure endpoints are allowed) or not absolute
     */
    Registration register(String application, URI url);

    /** Stops deliveries and drops what waits; false when the application had no endpoint. */
    boolean remove(String application);

    Optional<Status> status(String application);

    /** What each service received of one household's data. */
    List<HouseholdStatus> household(String household);

    /** @param signingKey base64; deliveries carry {@code X-Homegrid-Signature: v1=hex(HMAC-SHA256(key, timestamp + "." + body))} */
    record Registration(String application, String url, String signingKey) {
    }

    /**
     * @param pending      items waiting for the endpoint
     * @param failingSince the first failed attempt since the last success, null while it succeeds
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(String application, String url, Instant created, long pending, long delivered, Instant lastDelivered,
            Instant failingSince, String lastError, Instant lastErrorAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HouseholdStatus(String application, long pending, long delivered, Instant lastDelivered,
            Instant failingSince, String lastError) {
    }

    /** The application is unknown. */
    final class UnknownApplication extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnknownApplication(String application) {
            super("no application '" + application + "'");
        }
    }
}
