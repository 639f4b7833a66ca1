package io.homegrid.gateway.distribution;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What the gateway bundles declare of their configuration: the metatype bnd wrote into each jar. */
final class Metatypes {

    private Metatypes() {
    }

    /** pid → attribute → default, from every gateway bundle's OSGI-INF/metatype. */
    static Map<String, Map<String, String>> defaults(Path deploy) throws Exception {
        Map<String, Map<String, String>> defaults = new HashMap<>();
        try (Stream<Path> jars = Files.list(deploy)) {
            for (Path jar : (Iterable<Path>) jars.filter(f -> f.toString().endsWith(".jar"))::iterator) {
                try (JarFile bundle = new JarFile(jar.toFile())) {
                    Enumeration<JarEntry> entries = bundle.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        if (entry.getName().startsWith("OSGI-INF/metatype/") && entry.getName().endsWith(".xml")) {
                            try (InputStream in = bundle.getInputStream(entry)) {
                                read(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in), defaults);
                            }
                        }
                    }
                }
            }
        }
        return defaults;
    }

    private static void read(Document metatype, Map<String, Map<String, String>> defaults) {
        Map<String, String> attributes = new HashMap<>();
        NodeList ads = metatype.getElementsByTagName("AD");
        for (int i = 0; i < ads.getLength(); i++) {
            Element ad = (Element) ads.item(i);
            attributes.put(ad.getAttribute("id"), ad.getAttribute("default"));
        }
        NodeList designates = metatype.getElementsByTagName("Designate");
        for (int i = 0; i < designates.getLength(); i++) {
            defaults.put(((Element) designates.item(i)).getAttribute("pid"), attributes);
        }
    }
}
