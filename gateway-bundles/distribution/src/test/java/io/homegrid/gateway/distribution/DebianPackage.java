package io.homegrid.gateway.distribution;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/** A .deb as dpkg reads it: its control members and its data entries (path, mode, text of small files). */
record DebianPackage(Map<String, String> control, Map<String, Entry> data) {

    /** One file or folder of the data archive; {@code text} for files under 64 KiB. */
    record Entry(String path, int mode, String user, String group, boolean directory, String text) {
    }

    static DebianPackage read(Path deb) throws Exception {
        Map<String, String> control = new LinkedHashMap<>();
        Map<String, Entry> data = new LinkedHashMap<>();
        try (ArArchiveInputStream ar = new ArArchiveInputStream(new BufferedInputStream(Files.newInputStream(deb)))) {
            for (ArArchiveEntry member = ar.getNextEntry(); member != null; member = ar.getNextEntry()) {
                if (member.getName().startsWith("control.tar")) {
                    readTar(ar, e -> !e.isDirectory(), (e, text) -> control.put(e.getName().replaceFirst("^\\./", ""), text));
                } else if (member.getName().startsWith("data.tar")) {
                    readTar(ar, e -> true, (e, text) -> {
                        String path = e.getName().replaceFirst("^\\.", "").replaceFirst("/$", "");
                        data.put(path, new Entry(path, e.getMode() & 07777, e.getUserName(), e.getGroupName(),
                                e.isDirectory(), text));
                    });
                }
            }
        }
        return new DebianPackage(control, data);
    }

    private interface Sink {
        void accept(TarArchiveEntry entry, String text);
    }

    private static void readTar(InputStream member, java.util.function.Predicate<TarArchiveEntry> wanted, Sink sink)
            throws Exception {
        InputStream unpacked = new CompressorStreamFactory().createCompressorInputStream(
                new BufferedInputStream(new NonClosing(member)));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(unpacked)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (wanted.test(e)) {
                    String text = !e.isDirectory() && e.getSize() < 65_536
                            ? new String(tar.readAllBytes(), StandardCharsets.UTF_8) : null;
                    sink.accept(e, text);
                }
            }
        }
    }

    /** The ar member's stream must stay open for the members after it. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            // the ar archive closes its own stream
        }
    }
}
