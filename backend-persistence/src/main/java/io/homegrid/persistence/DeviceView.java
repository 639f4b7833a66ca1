package io.homegrid.persistence;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A device with its metadata and its sensors' latest values. {@code state} is joined or left
 * as its gateway reported, or reporting for a device that has sent readings but no description.
 * {@code lastSeen} is the time of its newest reading.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceView(String device, String gateway, String type, String name, boolean relay, String state,
        Instant lastSeen, List<SensorView> sensors) {

    public DeviceView {
        sensors = List.copyOf(sensors);
    }
}
