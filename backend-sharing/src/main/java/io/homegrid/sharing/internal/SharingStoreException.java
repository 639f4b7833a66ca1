package io.homegrid.sharing.internal;

/** The sharing tables could not be read or written. */
public final class SharingStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SharingStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
