/**
 * The gateway's extension points. A protocol adapter (XBee today, another radio tomorrow) is a
 * bundle offering {@link ProtocolAdapter} and feeding {@link SampleListener}s and
 * {@link DeviceEventListener}s; everything downstream is protocol-independent.
 */
@Export
@Version("1.4.0")
package io.homegrid.gateway.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
