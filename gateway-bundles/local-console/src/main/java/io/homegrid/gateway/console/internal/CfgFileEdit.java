package io.homegrid.gateway.console.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration file ({@code key = value} lines and comments, as FileInstall reads them) with a
 * form's values written into it. The form shows only the attributes the console can see (the
 * metatype's); every other entry of the file (calibration entries, say) is kept as it was, and
 * the comments stay where they are.
 */
final class CfgFileEdit {

    private static final Pattern ENTRY = Pattern.compile("^\\s*([^#!=:\\s][^=:\\s]*)\\s*[=:].*$");

    private CfgFileEdit() {
    }

    /**
     * @param text    the file as it is
     * @param visible the keys the form showed: those absent from {@code values} were emptied there
     * @param values  the configuration's properties after the form was saved
     */
    static String apply(String text, Set<String> visible, Map<String, ?> values) {
        Map<String, String> pending = new LinkedHashMap<>();
        values.forEach((key, value) -> pending.put(key, format(value)));
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            Matcher entry = ENTRY.matcher(line);
            if (!entry.matches()) {
                lines.add(line);
            } else if (pending.containsKey(entry.group(1))) {
                lines.add(entry.group(1) + " = " + pending.remove(entry.group(1)));
            } else if (!visible.contains(entry.group(1))) {
                lines.add(line);
            }
        }
        // new keys go before the file's final newline
        int end = !lines.isEmpty() && lines.get(lines.size() - 1).isEmpty() ? lines.size() - 1 : lines.size();
        List<String> added = new ArrayList<>();
        pending.forEach((key, value) -> added.add(key + " = " + value));
        lines.addAll(end, added);
        return String.join("\n", lines);
    }

    private static String format(Object value) {
        if (value != null && value.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(String.valueOf(Array.get(value, i)));
            }
            return String.join(",", items);
        }
        return String.valueOf(value).replace("\\", "\\\\").replace("\n", "\\n");
    }
}
