package io.homegrid.routes.rest.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * A bundle an operator sent for gateways: a jar whose manifest names it. Its signature is the
 * gateways' to check (the trust is theirs); here it is only read for its name and version.
 */
record BundleJar(String symbolicName, String version, byte[] bytes) {

    /** The largest bundle accepted; the gateways' own are 15 KB to 450 KB. */
    static final int MAX_BYTES = 8 << 20;

    static BundleJar of(byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiException.badRequest("bundle", "the body is empty: send the signed bundle jar");
        }
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(bytes), false)) {
            Manifest manifest = jar.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null) {
                throw ApiException.badRequest("bundle", "not an OSGi bundle: the jar's manifest names no"
                        + " Bundle-SymbolicName");
            }
            Attributes main = manifest.getMainAttributes();
            return new BundleJar(name.split(";")[0].strip(), main.getValue("Bundle-Version") == null ? "0.0.0"
                    : main.getValue("Bundle-Version").strip(), bytes);
        } catch (IOException e) {
            throw ApiException.badRequest("bundle", "not a jar: " + e.getMessage());
        }
    }
}
