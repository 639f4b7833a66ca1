/** Data sharing to registered services: webhooks fed with what the households' grants allow. */
@Export
@Version("1.0.0")
package io.homegrid.sharing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
