package io.homegrid.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why an input was refused: the field at fault and the reason, in words a gateway developer can act on.
 * {@code index} is the position of the reading or device in its batch, or null for the batch itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(Integer index, String field, String reason) {

    public static Violation ofBatch(String field, String reason) {
        return new Violation(null, field, reason);
    }

    public Violation at(int position) {
        return new Violation(position, field, reason);
    }
}
