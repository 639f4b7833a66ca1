/** The broker and the JMS connection factories every backend service reaches the bus through. */
@Export
@Version("1.0.0")
package io.homegrid.bus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
