/**
 * The backend's bus-facing routes and REST interfaces, as the launchers wire them: the
 * embedded launcher by hand, Karaf through Declarative Services.
 */
@Export
@Version("1.0.0")
package io.homegrid.routes;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
