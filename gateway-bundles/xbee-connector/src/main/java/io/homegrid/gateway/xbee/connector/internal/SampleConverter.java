package io.homegrid.gateway.xbee.connector.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.digi.xbee.api.io.IOSample;
import com.digi.xbee.api.io.IOValue;

import io.homegrid.gateway.api.RawSample;

/** The library's IO sample as the gateway's protocol-independent raw sample: {@code AD<n>} counts, {@code DIO<n>} levels. */
public final class SampleConverter {

    private SampleConverter() {
    }

    /**
     * @param type the node's device type, null while it has not identified itself
     */
    public static RawSample raw(String address, String type, Instant time, IOSample sample) {
        return new RawSample(address, type, time, analog(sample), digital(sample));
    }

    private static Map<String, Integer> analog(IOSample sample) {
        Map<String, Integer> analog = new HashMap<>();
        if (sample.hasAnalogValues()) {
            sample.getAnalogValues().forEach((line, value) -> analog.put("AD" + line.getIndex(), value));
        }
        return analog;
    }

    private static Map<String, Boolean> digital(IOSample sample) {
        Map<String, Boolean> digital = new HashMap<>();
        if (sample.hasDigitalValues()) {
            sample.getDigitalValues().forEach((line, value) -> digital.put("DIO" + line.getIndex(), value == IOValue.HIGH));
        }
        return digital;
    }
}
