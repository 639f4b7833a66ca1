package io.homegrid.launcher;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format 0.0.4: every line is a comment, a HELP or
 * TYPE line, or a sample of a family whose TYPE came before it; any other line fails the test.
 */
final class PrometheusText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|summary|histogram|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*)\\})?"
            + " ([-+]?(?:[0-9.eE+-]+|NaN|Inf))( -?[0-9]+)?");
    private static final String[] SUFFIXES = {"_total", "_count", "_sum", "_bucket", "_created"};

    private PrometheusText() {
    }

    /** Every sample by its name and labels as written ({@code name{a="b"}}), with its value. */
    static Map<String, Double> parse(String text) {
        Map<String, String> types = new HashMap<>();
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                if (types.put(type.group(1), type.group(2)) != null) {
                    throw new AssertionError("TYPE of " + type.group(1) + " given twice");
                }
                continue;
            }
            if (line.isEmpty() || HELP.matcher(line).matches() || (line.startsWith("#") && !line.startsWith("# TYPE"))) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            if (family(sample.group(1), types) == null) {
                throw new AssertionError("sample before its family's TYPE: " + line);
            }
            String key = sample.group(1) + (sample.group(2) == null ? "" : sample.group(2));
            if (samples.put(key, Double.parseDouble(sample.group(4).replace("Inf", "Infinity"))) != null) {
                throw new AssertionError("sample given twice: " + key);
            }
        }
        return samples;
    }

    private static String family(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : SUFFIXES) {
            if (sample.endsWith(suffix) && types.containsKey(sample.substring(0, sample.length() - suffix.length()))) {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return null;
    }
}
