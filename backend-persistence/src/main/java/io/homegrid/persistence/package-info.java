/**
 * The Sensor Data Repository as the rest of the backend sees it: queries for the Aggregate
 * Sensing Interface, and the Persistence Connector that fills it from the bus.
 */
@Export
@Version("1.1.0")
package io.homegrid.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
