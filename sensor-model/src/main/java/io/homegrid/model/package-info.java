/**
 * Wire format v1 of homegrid: the documents gateways, backend services and applications
 * exchange. Both halves of the system import this package, so changes to it are changes
 * to the protocol.
 */
@Export
@Version("1.2.0")
package io.homegrid.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
