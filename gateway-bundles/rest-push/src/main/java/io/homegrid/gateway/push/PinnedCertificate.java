package io.homegrid.gateway.push;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, named by its SHA-256 fingerprint, as the backend printed
 * it: how a gateway talks to a backend with a self-signed certificate without trusting anything
 * else. The pin replaces the name check: a certificate is this one or it is refused.
 */
public final class PinnedCertificate extends X509ExtendedTrustManager {

    private final byte[] fingerprint;

    private PinnedCertificate(byte[] fingerprint) {
        this.fingerprint = fingerprint;
    }

    /** @param sha256 hex, with or without colons, either case */
    public static SSLContext context(String sha256) {
        String hex = sha256.replace(":", "").trim().toLowerCase(Locale.ROOT);
        if (hex.length() != 64) {
            throw new IllegalArgumentException("a SHA-256 fingerprint has 32 bytes (64 hex digits), got '" + sha256 + "'");
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new PinnedCertificate(HexFormat.of().parseHex(hex))},
                    new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        try {
            byte[] actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
            if (!MessageDigest.isEqual(actual, fingerprint)) {
                throw new CertificateException("the server's certificate is not the pinned one (SHA-256 "
                        + HexFormat.ofDelimiter(":").withUpperCase().formatHex(actual) + ")");
            }
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot check the server's certificate", e);
        }
        chain[0].checkValidity();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager is for a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("this trust manager is for a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("this trust manager is for a client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
