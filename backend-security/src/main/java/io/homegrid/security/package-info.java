/**
 * Who is calling and what they may touch: households own gateways (and through them devices,
 * readings, events and live outputs); people log in with a bcrypt-hashed password and carry a
 * short-lived signed token; gateways present a long random secret on every request; third-party
 * applications see only what a household granted them. {@link io.homegrid.security.AccessService}
 * is the one assembly both the DS component and the embedded launcher start.
 */
@Export
@Version("1.1.0")
package io.homegrid.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
