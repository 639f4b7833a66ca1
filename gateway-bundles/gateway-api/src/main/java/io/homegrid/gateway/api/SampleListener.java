package io.homegrid.gateway.api;

/** Receives raw samples from every protocol adapter (OSGi whiteboard: register as a service). */
@FunctionalInterface
public interface SampleListener {

    void sampleReceived(RawSample sample);
}
