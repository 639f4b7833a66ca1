package io.homegrid.gateway.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * What an operator does to release a bundle for the gateways, with the JDK's own tools: a signing
 * key (keytool), its certificate for the gateways to trust, and jars signed with it (jarsigner).
 */
final class BundleSigning {

    static final String ALIAS = "homegrid-release";
    private static final String PASSWORD = "test-signing-password";

    private final Path keystore;

    private BundleSigning(Path keystore) {
        this.keystore = keystore;
    }

    /** A new signing key in {@code dir}, and its certificate written to {@code certificate} (PEM). */
    static BundleSigning create(Path dir, Path certificate) throws Exception {
        Path keystore = dir.resolve("release.p12");
        tool("keytool", "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
                "-dname", "CN=homegrid release");
        tool("keytool", "-exportcert", "-rfc", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-alias", ALIAS, "-file", certificate.toString());
        return new BundleSigning(keystore);
    }

    /** The jar signed, as {@code jarsigner} signs it. */
    byte[] sign(byte[] jar, Path work) throws Exception {
        Path file = Files.createTempFile(work, "bundle", ".jar");
        Files.write(file, jar);
        tool("jarsigner", "-keystore", keystore.toString(), "-storepass", PASSWORD, file.toString(), ALIAS);
        return Files.readAllBytes(file);
    }

    /** The jar with some manifest headers set (its other entries as they were). */
    static byte[] withHeaders(byte[] jar, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            headers.forEach((name, value) -> manifest.getMainAttributes().put(new Attributes.Name(name), value));
            try (JarOutputStream copy = new JarOutputStream(out, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    copy.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(copy);
                    copy.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    private static void tool(String name, String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", name).toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor()).as("%s: %s", name, output).isZero();
    }
}
