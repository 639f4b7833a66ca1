package io.homegrid.routes.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Files the REST bundle serves from inside itself: its own pages, and the webjars it embeds. */
public final class BundledFiles {

    private BundledFiles() {
    }

    /** @throws IllegalStateException if the bundle was built without it */
    public static InputStream open(String resource) {
        InputStream in = BundledFiles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the REST bundle");
        }
        return in;
    }

    public static String text(String resource) {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of an embedded webjar, from its {@code pom.properties}: its files live under it. */
    public static String webjarVersion(String group, String artifact) {
        try (InputStream in = open("META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
