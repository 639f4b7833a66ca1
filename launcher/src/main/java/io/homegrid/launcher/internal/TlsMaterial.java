package io.homegrid.launcher.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.security.OwnerOnlyFile;

/**
 * The backend's TLS key and certificate: a PKCS#12 file given by the operator, or, when none is,
 * a self-signed one made with Bouncy Castle on the first start and kept in the data directory
 * (the key store owner-only, its certificate as PEM for clients to trust or pin).
 */
public final class TlsMaterial {

    private static final Logger LOG = LoggerFactory.getLogger(TlsMaterial.class);
    private static final String ALIAS = "homegrid";

    private final KeyStore keyStore;
    private final char[] password;
    private final X509Certificate certificate;
    private final Path certificateFile;

    private TlsMaterial(KeyStore keyStore, char[] password, X509Certificate certificate, Path certificateFile) {
        this.keyStore = keyStore;
        this.password = password;
        this.certificate = certificate;
        this.certificateFile = certificateFile;
    }

    /** The self-signed material under {@code dir}, made on the first call. */
    public static TlsMaterial selfSigned(Path dir) {
        Path store = dir.resolve("backend.p12");
        Path passwordFile = dir.resolve("backend.p12.password");
        Path pem = dir.resolve("backend.pem");
        try {
            if (!Files.exists(store)) {
                make(store, passwordFile, pem);
            }
            return load(store, Files.readString(passwordFile, StandardCharsets.UTF_8).strip(), pem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the backend's TLS key under " + dir, e);
        }
    }

    /** A key store the operator gave (its first key entry and certificate are served). */
    public static TlsMaterial load(Path store, String password, Path certificateFile) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password.toCharArray());
            String alias = Collections.list(keyStore.aliases()).stream().filter(a -> isKey(keyStore, a)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(store + " holds no private key"));
            X509Certificate certificate = (X509Certificate) keyStore.getCertificate(alias);
            if (certificateFile != null && !Files.exists(certificateFile)) {
                Files.writeString(certificateFile, pem(certificate), StandardCharsets.UTF_8);
            }
            return new TlsMaterial(keyStore, password.toCharArray(), certificate, certificateFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS key store " + store, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the TLS key store " + store + ": " + e.getMessage(), e);
        }
    }

    public KeyManager[] keyManagers() {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore, password);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the backend's TLS key", e);
        }
    }

    /** SHA-256 of the certificate, as {@code AB:CD:…}: what a gateway pins. */
    public String fingerprint() {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as PEM, for {@code curl --cacert}; null when none was written. */
    public Path certificateFile() {
        return certificateFile;
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void make(Path store, Path passwordFile, Path pem) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=homegrid backend");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(ALIAS, pair.getPrivate(), password.toCharArray(), new X509Certificate[] {certificate});
            OwnerOnlyFile.write(passwordFile, password);
            OwnerOnlyFile.write(store, "");
            try (OutputStream out = Files.newOutputStream(store)) {
                keyStore.store(out, password.toCharArray());
            }
            Files.writeString(pem, pem(certificate), StandardCharsets.UTF_8);
            LOG.info("Generated a self-signed TLS certificate for the backend in {}", pem);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a self-signed TLS certificate", e);
        }
    }

    /** localhost, this host's name and the loopback addresses, so that local clients can check the name. */
    private static GeneralName[] names() {
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1")));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (!host.equals("localhost")) {
                names.add(new GeneralName(GeneralName.dNSName, host));
            }
        } catch (IOException e) {
            LOG.debug("No host name for the certificate: {}", e.getMessage());
        }
        return names.toArray(GeneralName[]::new);
    }

    private static String pem(X509Certificate certificate) throws java.security.cert.CertificateEncodingException {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }
}
