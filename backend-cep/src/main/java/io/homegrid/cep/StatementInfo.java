package io.homegrid.cep;

/** A deployed EPL statement; built-in ones come with homegrid and cannot be removed. */
public record StatementInfo(String name, String epl, boolean builtIn) {
}
