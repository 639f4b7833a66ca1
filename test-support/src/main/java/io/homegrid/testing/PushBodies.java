package io.homegrid.testing;

import java.time.Instant;
import java.util.StringJoiner;

/** Wire-format push bodies of a given size, for tests of batch limits. */
public final class PushBodies {

    private PushBodies() {
    }

    /** {@code readings} power readings of device {@code d1}, seq 0 upwards, taken ten seconds ago. */
    public static String powerBatch(String gateway, int readings) {
        String time = Instant.now().minusSeconds(10).toString();
        StringJoiner joiner = new StringJoiner(",", "{\"gateway\":\"" + gateway + "\",\"readings\":[", "]}");
        for (int seq = 0; seq < readings; seq++) {
            joiner.add("{\"device\":\"d1\",\"sensor\":\"power\",\"value\":5,\"time\":\"" + time + "\",\"seq\":" + seq + "}");
        }
        return joiner.toString();
    }
}
