package io.homegrid.gateway.push.internal.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.api.CommunityListener;
import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.api.ReadingCache;
import io.homegrid.gateway.push.GatewayReport;
import io.homegrid.gateway.push.GatewaySettings;
import io.homegrid.gateway.push.GatewayShell;
import io.homegrid.gateway.push.PushService;
import io.homegrid.gateway.push.PushSettings;
import io.homegrid.gateway.push.SignedBundle;
import io.homegrid.gateway.push.internal.LocalStatusBodies;

/**
 * Delivery in OSGi: starts {@link PushService} over the cache, the device list and whatever
 * protocol adapters are installed. Redeploying this bundle stops a push mid-flight at worst: the
 * readings are still in the cache and the backend drops the duplicates.
 */
@Component(configurationPid = "io.homegrid.gateway.push", immediate = true, service = {})
@Designate(ocd = PushConfig.class)
public final class PushComponent {

    private static final Logger LOG = LoggerFactory.getLogger(PushComponent.class);

    @Reference
    ReadingCache cache;

    @Reference
    DeviceDirectory devices;

    /** Where the settings the backend may change live; without it they are as configured at start. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    ConfigurationAdmin configurations;

    private final List<ProtocolAdapter> adapters = new CopyOnWriteArrayList<>();
    private final List<CommunityListener> communities = new CopyOnWriteArrayList<>();
    private PushService service;
    /** The shell's commands and the local HTTP servlet, where the framework has them. */
    private List<ServiceRegistration<?>> commands = List.of();

    static PushSettings settings(PushConfig config) {
        return new PushSettings(URI.create(config.backend()), config.gateway(), config.batchSize(), config.backlogRate(),
                Duration.ofMillis(config.intervalMillis()), Duration.ofSeconds(config.commandWaitSeconds()),
                config.secret().isBlank() ? null : config.secret(),
                config.backendFingerprint().isBlank() ? null : config.backendFingerprint());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAdapter(ProtocolAdapter adapter) {
        adapters.add(adapter);
    }

    void removeAdapter(ProtocolAdapter adapter) {
        adapters.remove(adapter);
    }

    /** The community agent, where it is installed: it hears the community signals from the backend. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommunityListener(CommunityListener listener) {
        communities.add(listener);
    }

    void removeCommunityListener(CommunityListener listener) {
        communities.remove(listener);
    }

    @Activate
    void activate(PushConfig config, BundleContext context) {
        PushSettings settings = settings(config);
        GatewaySettings changeable = configurations == null
                ? GatewaySettings.fixed(settings, Map.of(), "this gateway has no ConfigAdmin to keep changes in")
                : new ConfigAdminSettings(configurations, settings);
        FrameworkBundles bundles = new FrameworkBundles(context, signer(config.updateSigner()), Path.of(FrameworkBundles.KEPT));
        service = PushService.start(settings, cache, devices, () -> List.copyOf(adapters), changeable, bundles,
                () -> List.copyOf(communities), Clock.systemUTC());
        // off the activation: applying a kept update starts and stops other bundles
        Thread reapply = new Thread(bundles::reapplyKept, "kept-bundle-updates");
        reapply.setDaemon(true);
        reapply.start();
        List<ServiceRegistration<?>> offered = new ArrayList<>(ShellCommands.offer(context, new GatewayShell(
                config.gateway(), devices, cache, service, () -> List.copyOf(adapters))));
        offered.addAll(LocalHttp.offer(context, new LocalStatusBodies(config.gateway(), () -> GatewayReport.of(
                config.gateway(), devices, cache, service.pusher(), () -> List.copyOf(adapters)))));
        commands = offered;
    }

    /** The trusted bundle signer's certificate; none (updates refused) when unset or unreadable. */
    static Optional<X509Certificate> signer(String file) {
        if (file.isBlank()) {
            return Optional.empty();
        }
        try (InputStream pem = Files.newInputStream(Path.of(file))) {
            return Optional.of(SignedBundle.certificate(pem));
        } catch (IOException | CertificateException e) {
            LOG.error("Bundle signer {} unreadable: bundle updates from the backend are refused", file, e);
            return Optional.empty();
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        commands.forEach(ServiceRegistration::unregister);
        service.close();
    }

    PushService service() {
        return service;
    }
}
