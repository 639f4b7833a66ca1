/** Replay Control: stored readings sent through the pipeline again; its commands and what they report. */
@Export
@Version("1.0.0")
package io.homegrid.replay;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
