package io.homegrid.gateway.console.internal;

import java.nio.file.Path;

import org.apache.felix.webconsole.WebConsoleSecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.api.InstallerCredential;

/**
 * Lets into the Felix Web Console only the installer (HTTP Basic, user {@code installer}, the
 * password in the gateway's data folder). The console's framework property
 * {@code felix.webconsole.security.providers} names this provider, so the console answers no one
 * until it is registered, and its built-in admin/admin never applies.
 */
@Component(configurationPid = InstallerSecurityProvider.PID, property = "webconsole.security.provider.id="
        + InstallerSecurityProvider.ID)
@Designate(ocd = InstallerSecurityProvider.Config.class)
public final class InstallerSecurityProvider implements WebConsoleSecurityProvider {

    static final String PID = "io.homegrid.gateway.console";
    /** What {@code felix.webconsole.security.providers} in conf/config.properties waits for. */
    static final String ID = "homegrid-installer";

    private static final Logger LOG = LoggerFactory.getLogger(InstallerSecurityProvider.class);

    @ObjectClassDefinition(name = "homegrid local console",
            description = "Who the Felix Web Console lets in: the installer, with the password the gateway generated.")
    @interface Config {
        @AttributeDefinition(name = "Password file", description = "The installer's password, generated there on the"
                + " first start and kept readable by the gateway's user only; relative to the working directory"
                + " (HOMEGRID_GATEWAY_DATA).")
        String passwordFile() default "data/" + InstallerCredential.FILE;
    }

    private volatile InstallerCredential credential;

    @Activate
    @Modified
    void configure(Config config) {
        credential = InstallerCredential.keptIn(Path.of(config.passwordFile()));
        LOG.info("Local console: user {}, password in {}", InstallerCredential.USER,
                Path.of(config.passwordFile()).toAbsolutePath());
    }

    @Override
    public Object authenticate(String username, String password) {
        if (credential.matches(username, password)) {
            return username;
        }
        LOG.warn("Local console: refused user '{}' (wrong user or password)", username);
        return null;
    }

    /** The installer may do everything the console offers; no one else gets this far. */
    @Override
    public boolean authorize(Object user, String role) {
        return InstallerCredential.USER.equals(user);
    }
}
