/** The gateway's durable reading cache. */
@Export
@Version("1.1.0")
package io.homegrid.gateway.cache;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
