/**
 * Test doubles for the gateway's components, exported by the API bundle the way OpenEMS exports
 * its dummies: configuration annotations built from a map, a bundle context that records what
 * a component registers. For container-free component tests only; never used at runtime.
 */
@Export
@Version("1.0.0")
package io.homegrid.gateway.api.test;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
