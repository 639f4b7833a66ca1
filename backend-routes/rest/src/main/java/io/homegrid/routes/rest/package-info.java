/**
 * The backend REST interfaces (Data Push Interface, Aggregate Sensing Interface, health), as the launchers wire them: the
 * embedded launcher by hand, Karaf through Declarative Services.
 */
@Export
@Version("1.0.0")
package io.homegrid.routes.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
