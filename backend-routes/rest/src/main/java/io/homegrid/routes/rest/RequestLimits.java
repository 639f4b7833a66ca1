package io.homegrid.routes.rest;

/**
 * How much of the server one caller may take; the one home of these defaults.
 *
 * @param liveStreamsPerIdentity live streams one identity may hold open at a time; 429 beyond
 * @param commandPollsPerGateway command long polls one gateway may hold open at a time (it needs one)
 * @param requestsPerSecond      requests a second a gateway or an application may make on average;
 *                               429 with {@code Retry-After} beyond (people are not limited)
 * @param requestBurst           how many of those may come at once
 */
public record RequestLimits(int liveStreamsPerIdentity, int commandPollsPerGateway, int requestsPerSecond,
        int requestBurst) {

    public static final int DEFAULT_LIVE_STREAMS_PER_IDENTITY = 5;
    public static final int DEFAULT_COMMAND_POLLS_PER_GATEWAY = 2;
    /** A gateway pushes about once a second, several times a second while it flushes a backlog; load tests reach about 30. */
    public static final int DEFAULT_REQUESTS_PER_SECOND = 100;
    public static final int DEFAULT_REQUEST_BURST = 200;

    public static final RequestLimits DEFAULT = new RequestLimits(DEFAULT_LIVE_STREAMS_PER_IDENTITY,
            DEFAULT_COMMAND_POLLS_PER_GATEWAY, DEFAULT_REQUESTS_PER_SECOND, DEFAULT_REQUEST_BURST);

    public RequestLimits {
        if (liveStreamsPerIdentity < 1 || commandPollsPerGateway < 1 || requestsPerSecond < 1 || requestBurst < 1) {
            throw new IllegalArgumentException("every request limit must be at least 1: " + this);
        }
    }
}
