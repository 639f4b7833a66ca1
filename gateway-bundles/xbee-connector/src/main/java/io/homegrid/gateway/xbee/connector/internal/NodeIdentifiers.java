package io.homegrid.gateway.xbee.connector.internal;

/**
 * Node identifiers (NI) name a device {@code type:name}, e.g. {@code smart-plug:Fridge}, as the
 * installer commissions it; a plain name means a smart plug, the common case.
 */
public final class NodeIdentifiers {

    public static final String DEFAULT_TYPE = "smart-plug";

    private NodeIdentifiers() {
    }

    public static String type(String nodeIdentifier) {
        int colon = nodeIdentifier.indexOf(':');
        return colon > 0 ? nodeIdentifier.substring(0, colon).strip() : DEFAULT_TYPE;
    }

    public static String name(String nodeIdentifier) {
        int colon = nodeIdentifier.indexOf(':');
        String name = colon >= 0 ? nodeIdentifier.substring(colon + 1) : nodeIdentifier;
        return name.isBlank() ? null : name.strip();
    }

    public static boolean switchable(String type) {
        return DEFAULT_TYPE.equals(type);
    }
}
