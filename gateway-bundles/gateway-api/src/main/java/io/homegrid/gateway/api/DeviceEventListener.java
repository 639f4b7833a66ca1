package io.homegrid.gateway.api;

/** Receives joins, identifications and leaves from every protocol adapter (OSGi whiteboard). */
@FunctionalInterface
public interface DeviceEventListener {

    void deviceEvent(DeviceEvent event);
}
