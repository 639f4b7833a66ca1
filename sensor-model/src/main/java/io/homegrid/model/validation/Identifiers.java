package io.homegrid.model.validation;

import java.util.regex.Pattern;

/** What gateway and device identifiers may look like: safe in URLs, logs and file names. */
public final class Identifiers {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private Identifiers() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static String rule() {
        return "1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";
    }
}
