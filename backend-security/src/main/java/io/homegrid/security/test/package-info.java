/** For other modules' tests: an access-control service on a real database, with identities made on demand. */
@Export
@Version("1.0.0")
package io.homegrid.security.test;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
