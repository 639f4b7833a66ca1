-- Replay Control (issue 12): stored readings sent through the pipeline again.
CREATE TABLE replay (
    replay_id       bigserial        PRIMARY KEY,
    household_id    text             NOT NULL REFERENCES household (household_id) ON DELETE CASCADE,
    requested_by    text             NOT NULL,
    from_time       timestamptz      NOT NULL,
    to_time         timestamptz      NOT NULL,
    gateways        text[]           NOT NULL,
    devices         text[]           NOT NULL,
    -- NULL: as fast as the pipeline takes it
    speed           double precision CHECK (speed > 0),
    mode            text             NOT NULL CHECK (mode IN ('pipeline', 'isolated')),
    state           text             NOT NULL CHECK (state IN ('queued', 'running', 'done', 'cancelled', 'failed')),
    reason          text,
    readings_total  bigint,
    readings_sent   bigint           NOT NULL DEFAULT 0,
    -- Where the replay is: the original time, gateway and seq of the last reading sent (a keyset cursor).
    replayed_to     timestamptz,
    cursor_gateway  text,
    cursor_seq      bigint,
    created         timestamptz      NOT NULL,
    started         timestamptz,
    finished        timestamptz
);
CREATE INDEX replay_household ON replay (household_id, replay_id);

-- Which replay a reading came from (pipeline mode: it is part of the household's history).
ALTER TABLE reading ADD COLUMN replay_id bigint;

-- Readings of isolated replays, kept apart from the household's history and deleted with the replay.
CREATE TABLE replay_reading (
    replay_id   bigint           NOT NULL REFERENCES replay (replay_id) ON DELETE CASCADE,
    gateway_id  text             NOT NULL,
    seq         bigint           NOT NULL,
    device_id   text             NOT NULL,
    sensor      text             NOT NULL,
    value       double precision NOT NULL,
    unit        text             NOT NULL,
    measured_at timestamptz      NOT NULL,
    PRIMARY KEY (gateway_id, seq)
);
CREATE INDEX replay_reading_device ON replay_reading (replay_id, device_id, sensor, measured_at);

-- CEP outputs an isolated replay caused; NULL for everything else.
ALTER TABLE cep_output ADD COLUMN replay_id bigint REFERENCES replay (replay_id) ON DELETE CASCADE;
