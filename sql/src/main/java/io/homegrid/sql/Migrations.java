package io.homegrid.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the packaged INDEX: the migrations, in order, with their checksums. */
final class Migrations {

    /** Where the migrations sit inside this bundle (from {@code sql/migrations}). */
    static final String LOCATION = "/io/homegrid/sql/migration/";

    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    private Migrations() {
    }

    static List<Migration> packaged() {
        List<Migration> migrations = new ArrayList<>();
        for (String file : index()) {
            Matcher name = NAME.matcher(file);
            if (!name.matches()) {
                throw new SchemaException("INDEX lists '" + file + "', not a V<n>__<description>.sql name");
            }
            int version = Integer.parseInt(name.group(1));
            if (version != migrations.size() + 1) {
                throw new SchemaException("INDEX lists " + file + " where version " + (migrations.size() + 1)
                        + " was expected: versions count up from 1 without gaps");
            }
            migrations.add(new Migration(version, name.group(2).replace('_', ' '), file,
                    sha256(SchemaMigrator.read(file))));
        }
        if (migrations.isEmpty()) {
            throw new SchemaException("INDEX lists no migrations");
        }
        return migrations;
    }

    static List<String> index() {
        try (InputStream in = Migrations.class.getResourceAsStream(LOCATION + "INDEX")) {
            if (in == null) {
                throw new SchemaException("no INDEX of migrations packaged at " + LOCATION);
            }
            List<String> files = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    files.add(trimmed);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
