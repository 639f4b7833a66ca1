package io.homegrid.persistence.analysis;

import java.time.Instant;
import java.util.List;

/**
 * A household's named group of its devices, queried like one device (issue 14's "virtual objects").
 *
 * @param devices the members, in the order the admin gave them
 */
public record VirtualDevice(String household, String name, List<String> devices, Instant created, String createdBy) {

    public VirtualDevice {
        devices = List.copyOf(devices);
    }
}
