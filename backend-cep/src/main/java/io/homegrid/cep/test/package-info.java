/**
 * Test doubles of the CEP service's API, exported the way OpenEMS exports its dummies. For tests
 * only; never used at runtime.
 */
@Export
@Version("1.0.0")
package io.homegrid.cep.test;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
