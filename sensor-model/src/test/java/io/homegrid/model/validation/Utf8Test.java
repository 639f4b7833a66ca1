package io.homegrid.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void acceptsUtf8OfAnyLengthIncludingCharactersBeyondAscii() {
        String json = "{\"name\":\"Kühlschrank 冷蔵庫 \uD83D\uDD0C\"}".repeat(2_000);

        assertThat(Utf8.problem(json.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void refusesOtherEncodingsAndNulBytesSayingWhere() {
        assertThat(Utf8.problem("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE))).contains("NUL byte at offset 1");
        assertThat(Utf8.problem("{\"a\":\"é\"}".getBytes(StandardCharsets.ISO_8859_1))).contains("malformed UTF-8 at offset 6");
        byte[] longBody = ("{\"a\":\"" + "x".repeat(10_000) + "é\"}").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Utf8.problem(longBody)).contains("malformed UTF-8 at offset 10006");
    }
}
