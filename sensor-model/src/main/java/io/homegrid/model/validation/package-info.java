/**
 * Validation of pushed documents, shared by the Data Push Interface (to answer the gateway)
 * and the Sensor Data Parser (to route readings), so both apply exactly the same rules.
 */
@Export
@Version("1.0.0")
package io.homegrid.model.validation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
