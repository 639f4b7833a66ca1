package io.homegrid.gateway.push;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.CodeSigner;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * A bundle jar checked against the one signer the gateway trusts, with the JDK's own jar
 * verification (a jar signed with {@code jarsigner}): every entry must be signed by that key and
 * unchanged since. An unsigned, partly signed, otherwise signed or altered jar is refused.
 */
public record SignedBundle(String symbolicName, String version, byte[] jar) {

    /** Why a jar was refused. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String reason) {
            super(reason);
        }
    }

    public static X509Certificate certificate(InputStream pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
    }

    public static SignedBundle verify(byte[] jar, X509Certificate trusted) throws Refused {
        PublicKey key = trusted.getPublicKey();
        int signed = 0;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar), true)) {
            Manifest manifest = in.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null) {
                throw new Refused("not a bundle: its manifest names no Bundle-SymbolicName");
            }
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                // the signature is checked as the entry is read; a changed entry throws here
                in.readAllBytes();
                if (entry.isDirectory() || signatureFile(entry.getName())) {
                    continue;
                }
                if (!signedBy(entry.getCodeSigners(), key)) {
                    throw new Refused(entry.getCodeSigners() == null ? entry.getName() + " is not signed"
                            : entry.getName() + " is not signed by the signer this gateway trusts");
                }
                signed++;
            }
            if (signed == 0) {
                throw new Refused("the jar has no signed content");
            }
            Attributes main = manifest.getMainAttributes();
            return new SignedBundle(name.split(";")[0].strip(), main.getValue("Bundle-Version") == null ? "0.0.0"
                    : main.getValue("Bundle-Version").strip(), jar);
        } catch (SecurityException e) {
            throw new Refused("its signature does not match its content: " + e.getMessage());
        } catch (IOException e) {
            throw new Refused("not a readable jar: " + e.getMessage());
        }
    }

    private static boolean signatureFile(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.startsWith("META-INF/") && upper.indexOf('/', "META-INF/".length()) < 0
                && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC")
                        || upper.equals("META-INF/MANIFEST.MF"));
    }

    private static boolean signedBy(CodeSigner[] signers, PublicKey key) {
        if (signers == null) {
            return false;
        }
        for (CodeSigner signer : signers) {
            Certificate first = signer.getSignerCertPath().getCertificates().get(0);
            if (first.getPublicKey().equals(key)) {
                return true;
            }
        }
        return false;
    }
}
