package io.homegrid.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CfgFileEditTest {

    private static final String FILE = "# Calibration of the device descriptions\n"
            + "defaultType = smart-plug\n"
            + "smart-plug.AD1.factor = 3.6\n";

    @Test
    void writesTheFormsValuesAndKeepsCommentsAndWhatTheFormDidNotShow() {
        String edited = CfgFileEdit.apply(FILE, Set.of("defaultType"), Map.of("defaultType", "meter"));

        assertThat(edited).isEqualTo("# Calibration of the device descriptions\n"
                + "defaultType = meter\n"
                + "smart-plug.AD1.factor = 3.6\n");
    }

    @Test
    void addsNewAttributesAtTheEndAndDropsTheOnesTheFormEmptied() {
        String edited = CfgFileEdit.apply("# push\nbackend = https://a\nbackendFingerprint = AB\n",
                Set.of("backend", "backendFingerprint", "batchSize"), Map.of("backend", "https://b", "batchSize", 250));

        assertThat(edited).isEqualTo("# push\nbackend = https://b\nbatchSize = 250\n");
    }

    @Test
    void writesListsCommaSeparatedAndEscapesLineBreaks() {
        String edited = CfgFileEdit.apply("", Set.of("a", "b"), Map.of("a", new String[] {"x", "y"}, "b", "one\ntwo"));

        assertThat(edited.lines()).containsExactlyInAnyOrder("a = x,y", "b = one\\ntwo");
    }
}
