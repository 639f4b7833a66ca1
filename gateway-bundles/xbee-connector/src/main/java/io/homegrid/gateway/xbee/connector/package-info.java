/** The XBee protocol adapter of the gateway's connector pool. */
@Export
@Version("1.1.0")
package io.homegrid.gateway.xbee.connector;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
