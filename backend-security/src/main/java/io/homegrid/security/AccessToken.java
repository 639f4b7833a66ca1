package io.homegrid.security;

/** A signed, short-lived bearer token and how many seconds it is valid. */
public record AccessToken(String value, long expiresInSeconds) {
}
