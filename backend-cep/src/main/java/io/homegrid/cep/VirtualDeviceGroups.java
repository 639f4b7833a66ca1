package io.homegrid.cep;

import java.util.Map;
import java.util.Set;

/**
 * The virtual devices of a gateway's household, by name with their member devices: the engine
 * sums the members' minute power into {@code VirtualDevicePowerMinute}, the groups' own stream.
 * Asked once a minute per household; answers may lag a change by the implementation's refresh.
 */
@FunctionalInterface
public interface VirtualDeviceGroups {

    /** No household has groups. */
    VirtualDeviceGroups NONE = gateway -> Map.of();

    Map<String, Set<String>> of(String gateway);
}
