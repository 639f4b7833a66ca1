/** Device-type descriptions: which channel of which kind of device measures what, and how to scale it. */
@Export
@Version("1.1.0")
package io.homegrid.gateway.descriptions;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
