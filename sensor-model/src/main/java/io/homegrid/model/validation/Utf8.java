package io.homegrid.model.validation;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * JSON travels as UTF-8 (RFC 8259). Jackson would otherwise guess UTF-16 or UTF-32 from zero
 * bytes and read such a body, which then fails further on; a NUL byte is never valid JSON text.
 */
final class Utf8 {

    private Utf8() {
    }

    /** Null for a UTF-8 body without NUL bytes, else what is wrong with it. */
    static String problem(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                return "NUL byte at offset " + i + " (a UTF-16 or UTF-32 body?)";
            }
        }
        // Decoded through a small buffer: a push is checked on every request, and up to 1 MiB.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return "malformed UTF-8 at offset " + in.position();
            }
            if (result.isUnderflow()) {
                return null;
            }
            out.clear();
        }
    }
}
