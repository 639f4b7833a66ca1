/**
 * Test doubles for the gateway's components, exported by the API bundle the way OpenEMS exports
 * its dummies: a protocol adapter whose relays answer as a test says. For tests only; never used
 * at runtime. (The config-annotation builder and the stub bundle context are in test-support.)
 */
@Export
@Version("1.0.0")
package io.homegrid.gateway.api.test;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
