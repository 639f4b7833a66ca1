package io.homegrid.routes.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit, refusing larger ones with 413 before reading them whole. */
final class BodyReader {

    private BodyReader() {
    }

    static byte[] read(InputStream body, String contentLength, int maxBytes) {
        if (contentLength != null && parseLength(contentLength) > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8_192];
            int total = 0;
            for (int n; (n = body.read(chunk)) > 0;) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.badRequest("body", "could not be read: " + e.getMessage());
        }
    }

    private static long parseLength(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException(413, "body", "larger than " + maxBytes + " bytes; split the batch");
    }
}
