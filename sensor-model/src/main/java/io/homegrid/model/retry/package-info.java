/** Retrying with a doubling pause, shared by the gateway and the backend. */
@Export
@Version("1.0.0")
package io.homegrid.model.retry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
