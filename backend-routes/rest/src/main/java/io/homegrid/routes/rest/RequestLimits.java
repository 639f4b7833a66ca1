package io.homegrid.routes.rest;

/**
 * How much of the server one caller may take; the one home of these defaults.
 *
 * @param liveStreamsPerIdentity live streams one identity may hold open at a time; 429 beyond
 * @param commandPollsPerGateway command long polls one gateway may hold open at a time (it needs one)
 * @param requestsPerSecond      requests a second a gateway or an application may make on average;
 *                               429 with {@code Retry-After} beyond (people are not limited)
 * @param requestBurst           how many of those may come at once
 * @param heldRequests           live streams and command polls the server holds open in all; 429 beyond.
 *                               Each holds a server thread, and the server has {@link #serverThreads()}:
 *                               what is left answers everything else ({@code /health} among it)
 */
public record RequestLimits(int liveStreamsPerIdentity, int commandPollsPerGateway, int requestsPerSecond,
        int requestBurst, int heldRequests) {

    public static final int DEFAULT_LIVE_STREAMS_PER_IDENTITY = 5;
    public static final int DEFAULT_COMMAND_POLLS_PER_GATEWAY = 2;
    /** A gateway pushes about once a second, several times a second while it flushes a backlog; load tests reach about 30. */
    public static final int DEFAULT_REQUESTS_PER_SECOND = 100;
    public static final int DEFAULT_REQUEST_BURST = 200;
    /** A gateway holds one command poll; this is 700 gateways and 300 live streams. */
    public static final int DEFAULT_HELD_REQUESTS = 1_000;
    /** Server threads beyond the held requests, for everything else. */
    public static final int THREADS_BESIDE_HELD_REQUESTS = 200;

    public static final RequestLimits DEFAULT = new RequestLimits(DEFAULT_LIVE_STREAMS_PER_IDENTITY,
            DEFAULT_COMMAND_POLLS_PER_GATEWAY, DEFAULT_REQUESTS_PER_SECOND, DEFAULT_REQUEST_BURST, DEFAULT_HELD_REQUESTS);

    public RequestLimits {
        if (liveStreamsPerIdentity < 1 || commandPollsPerGateway < 1 || requestsPerSecond < 1 || requestBurst < 1
                || heldRequests < 1) {
            throw new IllegalArgumentException("every request limit must be at least 1: " + this);
        }
    }

    /** The HTTP server's thread pool: the held requests, and as many again for everything else. */
    public int serverThreads() {
        return heldRequests + THREADS_BESIDE_HELD_REQUESTS;
    }
}
