package io.homegrid.security.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.homegrid.security.AccessToken;
import io.homegrid.security.AuthenticationException;
import io.homegrid.security.Caller;
import io.homegrid.security.Role;

/**
 * Access tokens as JWTs signed with HMAC-SHA256 (nimbus-jose-jwt). A token names who it was
 * issued to and, for people, their role and household; an application's grants are looked up on
 * each request, so that a revocation needs no token to expire.
 */
public final class TokenSigner {

    private static final String ISSUER = "homegrid";
    private static final String ROLE = "role";
    private static final String HOUSEHOLD = "household";
    private static final String APPLICATION = "application";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;

    public TokenSigner(byte[] key, Duration lifetime, Clock clock) {
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the token key must be at least 256 bits", e);
        }
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public AccessToken issue(Caller caller) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(caller.name())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)));
        if (caller instanceof Caller.User user) {
            claims.claim(ROLE, user.role().wire()).claim(HOUSEHOLD, user.household());
        } else {
            claims.claim(ROLE, APPLICATION);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return new AccessToken(jwt.serialize(), lifetime.toSeconds());
    }

    public Caller verify(String token) throws AuthenticationException {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw new AuthenticationException("the token's signature is not valid");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer()) || claims.getExpirationTime() == null
                    || !clock.instant().isBefore(claims.getExpirationTime().toInstant())) {
                throw new AuthenticationException("the token has expired; log in again");
            }
            String role = claims.getStringClaim(ROLE);
            if (APPLICATION.equals(role)) {
                return new Caller.Application(claims.getSubject());
            }
            return new Caller.User(claims.getSubject(), Role.of(role)
                    .orElseThrow(() -> new AuthenticationException("the token names no known role")),
                    claims.getStringClaim(HOUSEHOLD));
        } catch (ParseException | JOSEException e) {
            throw new AuthenticationException("the bearer token is not a valid token");
        }
    }
}
