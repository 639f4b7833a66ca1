package io.homegrid.replay;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.homegrid.model.json.Json;

/** How a replay is shown: its fields, its duration and, while it runs at a speed, its estimated end. */
public final class ReplayViews {

    private ReplayViews() {
    }

    public static ObjectNode view(Replay replay, Instant now) {
        ObjectNode view = Json.mapper().valueToTree(replay);
        view.put("duration", replay.duration().toString());
        if (replay.speed() == null) {
            view.put("speed", "max");
        }
        Instant end = replay.estimatedEnd(now);
        if (end != null) {
            view.put("estimatedEnd", end.toString());
        }
        return view;
    }
}
