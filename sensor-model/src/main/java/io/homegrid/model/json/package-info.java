/** The one Jackson configuration every homegrid service reads and writes wire documents with. */
@Export
@Version("1.0.0")
package io.homegrid.model.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
