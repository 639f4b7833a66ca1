/** The web console's gatekeeper; nothing here is exported. */
package io.homegrid.gateway.console.internal;
