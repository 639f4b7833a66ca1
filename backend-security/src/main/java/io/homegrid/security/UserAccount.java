package io.homegrid.security;

import java.time.Instant;

/** A person's account as the API lists it (never with the password hash). */
public record UserAccount(String username, Role role, String household, Instant created) {
}
