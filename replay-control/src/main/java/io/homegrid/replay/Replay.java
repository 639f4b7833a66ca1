package io.homegrid.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A replay and how far it has come.
 *
 * @param speed       null: as fast as the pipeline takes it ({@code "max"})
 * @param replayedTo  the original time of the last reading sent
 * @param estimatedEnd when it will be done, at its speed; null when not running
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Replay(long id, String household, String requestedBy, Instant from, Instant to, List<String> gateways,
        List<String> devices, Double speed, ReplayMode mode, ReplayState state, String reason, Long readingsTotal,
        long readingsSent, Instant replayedTo, Instant created, Instant started, Instant finished) {

    public Duration duration() {
        return Duration.between(from, to);
    }

    /** At its speed, from where it is: the original time still to replay, divided by the speed. */
    public Instant estimatedEnd(Instant now) {
        if (state != ReplayState.RUNNING || speed == null) {
            return null;
        }
        Instant at = replayedTo == null ? from : replayedTo;
        return now.plusMillis((long) (Duration.between(at, to).toMillis() / speed));
    }
}
