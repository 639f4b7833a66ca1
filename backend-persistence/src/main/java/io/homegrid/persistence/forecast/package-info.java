/**
 * The household demand forecast (issue 17): a persistence forecast and a device-aware one fitted
 * on the household's own device-level rollups, and the back-test that compares them. Plain Java
 * over {@link io.homegrid.persistence.analysis.PowerRollups}: the REST resources and the
 * launcher's evaluation call the same classes.
 */
@Export
@Version("1.0.0")
package io.homegrid.persistence.forecast;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
