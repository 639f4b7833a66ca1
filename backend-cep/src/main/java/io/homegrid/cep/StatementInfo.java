package io.homegrid.cep;

/**
 * A deployed EPL statement; built-in ones come with homegrid and cannot be removed.
 *
 * @param household the household it runs on; null: every household (built-in and operators' statements)
 */
public record StatementInfo(String name, String epl, boolean builtIn, String household) {
}
