package io.homegrid.gateway.push.internal.osgi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.push.BundleUpdates;
import io.homegrid.gateway.push.SignedBundle;
import io.homegrid.model.BundleInfo;

/**
 * Bundle updates from the backend in the running framework: a jar signed by the trusted signer
 * is installed, or replaces the bundle of its symbolic name without stopping the others; one that
 * does not start is rolled back to the version before. A kept copy of each update (in
 * {@value #KEPT}) is applied again at the next start, since the framework's cache is made anew
 * from bundle/ and deploy/ each time; a newer version there (a package upgrade) supersedes it.
 */
final class FrameworkBundles implements BundleUpdates {

    /** Where updates from the backend are kept, relative to the working directory. */
    static final String KEPT = "data/bundles";

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkBundles.class);
    private static final long REFRESH_SECONDS = 30;

    private final BundleContext context;
    private final Optional<X509Certificate> signer;
    private final Path kept;

    FrameworkBundles(BundleContext context, Optional<X509Certificate> signer, Path kept) {
        this.context = context;
        this.signer = signer;
        this.kept = kept;
    }

    @Override
    public List<BundleInfo> bundles() {
        List<BundleInfo> bundles = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            bundles.add(new BundleInfo(bundle.getSymbolicName(), bundle.getVersion().toString(), state(bundle)));
        }
        return bundles;
    }

    @Override
    public synchronized Outcome install(byte[] jar) {
        if (signer.isEmpty()) {
            return Outcome.refused("no bundle signer is trusted on this gateway (updateSigner in io.homegrid.gateway.push)");
        }
        SignedBundle bundle;
        try {
            bundle = SignedBundle.verify(jar, signer.get());
        } catch (SignedBundle.Refused e) {
            LOG.warn("Bundle update from the backend refused: {}", e.getMessage());
            return Outcome.refused(e.getMessage());
        }
        if (bundle.symbolicName().equals(context.getBundle().getSymbolicName())) {
            // updating it would stop the channel that carries this command and its answer
            return Outcome.refused(bundle.symbolicName() + " runs the command channel; update it with the gateway's"
                    + " package or in deploy/");
        }
        Outcome outcome = apply(bundle);
        if (outcome.ok()) {
            keep(bundle);
        }
        return outcome;
    }

    /** Applies the kept updates again (at start), where what is installed is older. */
    void reapplyKept() {
        if (signer.isEmpty() || !Files.isDirectory(kept)) {
            return;
        }
        try (Stream<Path> files = Files.list(kept)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar"))::iterator) {
                SignedBundle bundle = SignedBundle.verify(Files.readAllBytes(file), signer.get());
                Optional<Bundle> installed = find(bundle.symbolicName());
                if (installed.isPresent() && installed.get().getVersion().compareTo(Version.parseVersion(bundle.version())) >= 0) {
                    LOG.info("Kept update {} {} superseded by {}; dropped", bundle.symbolicName(), bundle.version(),
                            installed.get().getVersion());
                    Files.delete(file);
                } else {
                    LOG.info("Kept update {} {}: {}", bundle.symbolicName(), bundle.version(), apply(bundle).outcome());
                }
            }
        } catch (IOException | SignedBundle.Refused e) {
            LOG.error("Kept bundle updates in {} not applied again", kept.toAbsolutePath(), e);
        }
    }

    private Outcome apply(SignedBundle bundle) {
        Optional<Bundle> existing = find(bundle.symbolicName());
        if (existing.isEmpty()) {
            return installNew(bundle);
        }
        Bundle target = existing.get();
        Optional<String> carrying = carriesTheChannel(target);
        if (carrying.isPresent()) {
            return Outcome.refused(bundle.symbolicName() + " " + carrying.get() + ": updating it would stop the command"
                    + " channel that carries this command; update it with the gateway's package or in deploy/");
        }
        byte[] previous;
        try {
            previous = previousJar(target);
        } catch (IOException e) {
            return Outcome.refused("the running " + bundle.symbolicName() + " cannot be kept for a rollback: "
                    + e.getMessage());
        }
        String before = target.getVersion().toString();
        try {
            target.update(new ByteArrayInputStream(bundle.jar()));
            refresh(target);
            target.start();
            LOG.info("Bundle {} updated from {} to {} by the backend", bundle.symbolicName(), before, bundle.version());
            return new Outcome(true, "updated", null);
        } catch (BundleException | RuntimeException e) {
            LOG.warn("Bundle {} {} does not start ({}); rolling back to {}", bundle.symbolicName(), bundle.version(),
                    e.getMessage(), before);
            try {
                target.update(new ByteArrayInputStream(previous));
                refresh(target);
                target.start();
            } catch (BundleException | RuntimeException again) {
                LOG.error("Bundle {} not rolled back to {}", bundle.symbolicName(), before, again);
                return new Outcome(false, "failed", bundle.version() + " does not start (" + e.getMessage()
                        + ") and " + before + " did not start again: " + again.getMessage());
            }
            return new Outcome(false, "rolled back", bundle.version() + " does not start: " + e.getMessage()
                    + "; back to " + before);
        }
    }

    private Outcome installNew(SignedBundle bundle) {
        Bundle installed = null;
        try {
            installed = context.installBundle("homegrid:update:" + bundle.symbolicName(),
                    new ByteArrayInputStream(bundle.jar()));
            installed.start();
            LOG.info("Bundle {} {} installed by the backend", bundle.symbolicName(), bundle.version());
            return new Outcome(true, "installed", null);
        } catch (BundleException | RuntimeException e) {
            if (installed != null) {
                try {
                    installed.uninstall();
                } catch (BundleException gone) {
                    LOG.error("Bundle {} did not start and could not be removed", bundle.symbolicName(), gone);
                }
            }
            return new Outcome(false, "rolled back", bundle.version() + " does not start: " + e.getMessage()
                    + "; not installed");
        }
    }

    /**
     * Whether the command channel's own component stands on this bundle: a package it imports, or
     * a service it holds statically (its radios it holds dynamically, so those may change under it).
     */
    private Optional<String> carriesTheChannel(Bundle bundle) {
        Bundle self = context.getBundle();
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring != null && wiring.getProvidedWires(null).stream().anyMatch(w -> w.getRequirer().getBundle().equals(self))) {
            return Optional.of("exports packages the command channel's bundle uses");
        }
        ServiceReference<?>[] services = bundle.getRegisteredServices();
        for (ServiceReference<?> service : services == null ? new ServiceReference<?>[0] : services) {
            Bundle[] users = service.getUsingBundles();
            boolean radio = Arrays.asList((String[]) service.getProperty("objectClass")).contains(ProtocolAdapter.class.getName());
            if (!radio && users != null && Arrays.asList(users).contains(self)) {
                return Optional.of("offers a service the command channel's bundle holds");
            }
        }
        return Optional.empty();
    }

    /** The jar the bundle runs now: its kept update, or the file it was installed from. */
    private byte[] previousJar(Bundle bundle) throws IOException {
        Path copy = kept.resolve(bundle.getSymbolicName() + ".jar");
        if (Files.exists(copy)) {
            return Files.readAllBytes(copy);
        }
        try (InputStream in = new URL(bundle.getLocation()).openStream()) {
            return in.readAllBytes();
        }
    }

    private void keep(SignedBundle bundle) {
        try {
            Files.createDirectories(kept);
            Path written = kept.resolve("." + bundle.symbolicName() + ".saving");
            Files.write(written, bundle.jar());
            Files.move(written, kept.resolve(bundle.symbolicName() + ".jar"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("Bundle {} {} runs but is not kept: the next start returns to the version before",
                    bundle.symbolicName(), bundle.version(), e);
        }
    }

    /** Rewires the bundles that use the updated one, and waits until the framework has. */
    private void refresh(Bundle bundle) throws BundleException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> done.countDown());
        try {
            if (!done.await(REFRESH_SECONDS, TimeUnit.SECONDS)) {
                throw new BundleException("the framework did not refresh " + bundle.getSymbolicName() + " within "
                        + REFRESH_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted while refreshing " + bundle.getSymbolicName(), e);
        }
    }

    private Optional<Bundle> find(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }
}
