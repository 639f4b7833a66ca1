package io.homegrid.gateway.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a configuration saved in the web console back into its file in the gateway's
 * configuration folder, so that the change outlives a restart (the framework's configuration
 * store is made anew at each start, from the files). The console saves only the attributes its
 * form shows and drops FileInstall's link to the file; FileInstall then reads the written file
 * and links the configuration again, which is how a change from a file is told from one here.
 */
@Component(immediate = true)
public final class ConsoleEditsSaved implements ConfigurationListener {

    /** Where bin/homegrid-gateway says the configuration files are. */
    static final String ETC = "homegrid.gateway.etc";
    private static final String FILEINSTALL = "felix.fileinstall.filename";
    private static final Set<String> OWN = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION);
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleEditsSaved.class);

    private final ConfigurationAdmin configurations;
    private final MetaTypeService metatypes;
    private final BundleContext context;

    @Activate
    public ConsoleEditsSaved(@Reference ConfigurationAdmin configurations, @Reference MetaTypeService metatypes,
            BundleContext context) {
        this.configurations = configurations;
        this.metatypes = metatypes;
        this.context = context;
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String etc = context.getProperty(ETC);
        if (event.getType() != ConfigurationEvent.CM_UPDATED || event.getFactoryPid() != null || etc == null) {
            return;
        }
        Path file = Path.of(etc).resolve(event.getPid() + ".cfg");
        try {
            Configuration[] found = configurations.listConfigurations("(" + Constants.SERVICE_PID + "=" + event.getPid() + ")");
            Dictionary<String, Object> properties = found == null ? null : found[0].getProperties();
            if (properties == null || properties.get(FILEINSTALL) != null || !Files.isRegularFile(file)) {
                return; // from its file (FileInstall links it), or not kept in one
            }
            Map<String, Object> values = new HashMap<>();
            for (String key : Collections.list(properties.keys())) {
                if (!OWN.contains(key)) {
                    values.put(key, properties.get(key));
                }
            }
            String edited = CfgFileEdit.apply(Files.readString(file, StandardCharsets.UTF_8),
                    visible(event.getPid(), values.keySet()), values);
            // the file may hold a secret: the new one is made with the old one's permissions, then moved over it
            Path written = file.resolveSibling("." + file.getFileName() + ".saving");
            Files.deleteIfExists(written);
            Files.createFile(written, PosixFilePermissions.asFileAttribute(Files.getPosixFilePermissions(file)));
            Files.writeString(written, edited, StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Configuration {} changed in the local console, saved to {}", event.getPid(), file);
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            LOG.error("Configuration {} changed in the local console but not saved to {}; it lasts until a restart",
                    event.getPid(), file, e);
        }
    }

    /** The attributes the console's form showed: the pid's metatype, or the saved keys where there is none. */
    private Set<String> visible(String pid, Set<String> saved) {
        Set<String> keys = new HashSet<>(saved);
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation information = metatypes.getMetaTypeInformation(bundle);
            if (information != null && java.util.Arrays.asList(information.getPids()).contains(pid)) {
                ObjectClassDefinition definition = information.getObjectClassDefinition(pid, null);
                for (AttributeDefinition attribute : definition.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                    keys.add(attribute.getID());
                }
            }
        }
        return keys;
    }
}
