package io.homegrid.model;

import java.util.List;

/** The Data Push Interface's answer: how many entries it took and which it refused, with why. */
public record PushResult(int accepted, List<Violation> rejected) {

    public PushResult {
        rejected = List.copyOf(rejected);
    }
}
