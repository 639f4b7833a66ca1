/**
 * The household analyses of the Aggregate Sensing Interface (issue 14): energy with its gaps,
 * the weekday profile, the one-day view and the top consumers, each computed in local time from
 * the power rollups the ingest path keeps, never from raw readings.
 */
@Export
@Version("1.1.0")
package io.homegrid.persistence.analysis;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
