package io.homegrid.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) that trusts
 * exactly one backend certificate: the test backend's self-signed one, by its public key, not
 * every certificate.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Why no browser test can run here, if none can. */
    public static Optional<String> missing() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            return Optional.of("no Chromium here: " + CHROMIUM + " and " + DRIVER + " come with Debian's chromium and "
                    + "chromium-driver packages (apt-get install -y chromium chromium-driver; .ci/run installs them)");
        }
        return Optional.empty();
    }

    /** @param certificate the backend's PEM certificate, the only one this browser accepts beyond the system's */
    public static Browser start(Path certificate, int width, int height) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--ignore-certificate-errors-spki-list=" + spki(certificate));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** Base64 of the SHA-256 of the certificate's public key, as Chromium's SPKI list takes it. */
    static String spki(Path certificate) throws IOException {
        try (InputStream in = Files.newInputStream(certificate)) {
            X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(x509.getPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the certificate " + certificate, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
