package io.homegrid.persistence.internal.connector;

/**
 * The body of a consumed message: JSON text, or the bytes of a compact reading batch
 * ({@link io.homegrid.model.bus.ReadingBatchCodec}).
 */
public record Body(String text, byte[] bytes) {

    /** The JSON text; a message that carried bytes where a document was expected is bad data. */
    @Override
    public String text() {
        if (text == null) {
            throw new IllegalArgumentException("expected a JSON text message, got " + bytes.length + " bytes");
        }
        return text;
    }

    public boolean isBytes() {
        return bytes != null;
    }
}
