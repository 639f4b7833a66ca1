/** XBee API frames (API mode 1, unescaped), shared by the connector and the simulator. */
@Export
@Version("1.1.0")
package io.homegrid.gateway.xbee.frames;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
