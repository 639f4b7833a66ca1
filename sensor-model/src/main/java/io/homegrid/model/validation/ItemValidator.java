package io.homegrid.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns one item of a pushed batch into its typed, normalised form, or says which field is wrong. */
@FunctionalInterface
interface ItemValidator<T> {

    T validate(JsonNode item) throws FieldException;
}
