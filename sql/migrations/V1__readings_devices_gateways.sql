-- homegrid schema v1: gateways, devices, readings, and what the parser refused.
-- Applied by io.homegrid.sql.SchemaMigrator in every mode, in the order of INDEX; never edit an applied
-- migration, add the next V<n>__*.sql instead.

-- One row per home gateway that has pushed anything.
CREATE TABLE gateway (
    gateway_id  text        PRIMARY KEY,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL
);

-- Devices as their gateway's device list describes them. A device that sends readings before
-- any description is created as type 'unknown', state 'reporting'.
CREATE TABLE device (
    device_id   text        PRIMARY KEY,
    gateway_id  text        NOT NULL REFERENCES gateway (gateway_id),
    type        text        NOT NULL DEFAULT 'unknown',
    name        text,
    relay       boolean     NOT NULL DEFAULT false,
    state       text        NOT NULL DEFAULT 'reporting' CHECK (state IN ('joined', 'left', 'reporting')),
    first_seen  timestamptz NOT NULL,
    updated     timestamptz NOT NULL
);
CREATE INDEX device_gateway ON device (gateway_id);

CREATE TABLE device_sensor (
    device_id   text NOT NULL REFERENCES device (device_id) ON DELETE CASCADE,
    sensor      text NOT NULL,
    unit        text NOT NULL,
    PRIMARY KEY (device_id, sensor)
);

-- Every reading, in canonical units, stored once per (gateway_id, seq) however often it is
-- re-sent. No foreign keys: readings may arrive before their device's description, and the
-- ingest path must not pay for lookups.
--
-- Time-range queries are served by indexes, not partitions: the btree on
-- (device_id, sensor, measured_at) answers "one sensor of one device between two instants"
-- with one index range scan, and the BRIN index on measured_at keeps whole-period scans
-- (replay, retention) cheap at a few pages per gigabyte. A partitioned table would have to
-- carry measured_at in its primary key, which would let a re-sent reading with a changed
-- time be stored twice.
CREATE TABLE reading (
    gateway_id  text             NOT NULL,
    seq         bigint           NOT NULL,
    device_id   text             NOT NULL,
    sensor      text             NOT NULL,
    value       double precision NOT NULL,
    unit        text             NOT NULL,
    measured_at timestamptz      NOT NULL,
    PRIMARY KEY (gateway_id, seq)
);
CREATE INDEX reading_device_sensor_time ON reading (device_id, sensor, measured_at);
CREATE INDEX reading_time_brin ON reading USING brin (measured_at);

-- The newest reading of each sensor, maintained by the ingest path so that "latest" and
-- "last seen" never scan the reading table.
CREATE TABLE sensor_latest (
    device_id   text             NOT NULL,
    sensor      text             NOT NULL,
    gateway_id  text             NOT NULL,
    value       double precision NOT NULL,
    unit        text             NOT NULL,
    measured_at timestamptz      NOT NULL,
    seq         bigint           NOT NULL,
    PRIMARY KEY (device_id, sensor)
);

-- Readings the Sensor Data Parser refused, with the reason, for GET /api/v1/invalid-readings.
CREATE TABLE invalid_reading (
    id          bigserial   PRIMARY KEY,
    gateway_id  text        NOT NULL,
    batch_index integer,
    device_id   text,
    seq         bigint,
    field       text        NOT NULL,
    reason      text        NOT NULL,
    reading     text,
    received    timestamptz NOT NULL
);
CREATE INDEX invalid_reading_gateway_received ON invalid_reading (gateway_id, received DESC);
CREATE INDEX invalid_reading_received ON invalid_reading (received DESC);
