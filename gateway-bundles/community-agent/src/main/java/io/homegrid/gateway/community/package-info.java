/** Peak shaving at the home: the battery controller, plain Java, the same in the gateway and in the simulation. */
@Export
@Version("1.1.0")
package io.homegrid.gateway.community;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
