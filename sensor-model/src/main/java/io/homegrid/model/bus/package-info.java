/**
 * The broker destinations and message headers homegrid services share. Services never call
 * each other: these names are the whole of their coupling.
 */
@Export
@Version("1.0.0")
package io.homegrid.model.bus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
