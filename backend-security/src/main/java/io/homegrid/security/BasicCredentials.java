package io.homegrid.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP Basic credentials: a gateway's id and secret, a person's name and password, or an application's client id and secret. */
public record BasicCredentials(String name, String secret) {

    private static final String SCHEME = "Basic ";

    /** Whether an {@code Authorization} header carries Basic credentials at all. */
    public static boolean isBasic(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** Reads an {@code Authorization: Basic …} header. */
    public static BasicCredentials parse(String authorization) throws AuthenticationException {
        if (!isBasic(authorization)) {
            throw new AuthenticationException("not Basic credentials");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new AuthenticationException("Basic credentials must be name:secret");
        }
        return new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** The {@code Authorization} header value. */
    public String header() {
        return SCHEME + Base64.getEncoder().encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "BasicCredentials[name=" + name + "]";
    }
}
