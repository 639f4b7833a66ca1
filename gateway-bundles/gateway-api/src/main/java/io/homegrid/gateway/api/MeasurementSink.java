package io.homegrid.gateway.api;

import java.util.List;

/** Takes the measurements of one sample (OSGi whiteboard: the cache and the device list are sinks). */
@FunctionalInterface
public interface MeasurementSink {

    void accept(List<Measurement> measurements);
}
