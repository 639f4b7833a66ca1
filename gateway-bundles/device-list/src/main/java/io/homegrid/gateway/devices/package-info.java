/** The devices of the home. */
@Export
@Version("1.1.0")
package io.homegrid.gateway.devices;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
