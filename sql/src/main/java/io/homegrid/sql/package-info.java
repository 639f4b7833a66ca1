/** Applies the homegrid PostgreSQL schema; the same call in the embedded launcher, in Karaf and in tests. */
@Export
@Version("1.0.0")
package io.homegrid.sql;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
