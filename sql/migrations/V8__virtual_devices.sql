-- Issue 14: virtual devices. A household admin groups some of the household's devices under a
-- name (kitchen = kettle + oven + fridge) and queries the group like a device; the CEP sums the
-- members' minute power into the group's own stream. Members are device ids; that each is one of
-- the household's devices is checked when the group is written (a device moving to another
-- household later simply stops counting, as its readings then belong to that household).
CREATE TABLE virtual_device (
    household_id text        NOT NULL REFERENCES household ON DELETE CASCADE,
    name         text        NOT NULL,
    devices      text[]      NOT NULL CHECK (cardinality(devices) > 0),
    created      timestamptz NOT NULL,
    created_by   text        NOT NULL,
    PRIMARY KEY (household_id, name)
);
