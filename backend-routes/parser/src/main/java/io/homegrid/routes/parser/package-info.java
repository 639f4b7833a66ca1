/** The Sensor Data Parser route, for whichever Camel context hosts it. */
@Export
@Version("1.0.0")
package io.homegrid.routes.parser;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
