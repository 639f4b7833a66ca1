/** Delivery to the backend (readings, devices, command results) and the gateway's local REST API. */
@Export
@Version("3.0.0")
package io.homegrid.gateway.push;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
