package io.homegrid.model.validation;

import java.util.List;

import io.homegrid.model.Violation;

/**
 * A pushed batch after validation: the items that passed, in canonical form, and the ones refused.
 *
 * @param <T> reading or device description
 */
public record CheckedBatch<T>(String gateway, List<T> accepted, List<Rejected> rejected) {

    public CheckedBatch {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }

    public int size() {
        return accepted.size() + rejected.size();
    }

    public List<Violation> violations() {
        return rejected.stream().map(Rejected::violation).toList();
    }
}
