/** The Esper CEP engine as a service: statements over reading streams, outputs on cep.out, statement admin. */
@Export
@Version("1.0.0")
package io.homegrid.cep;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
