-- homegrid schema v6 (issue 13): readings in narrow rows, partitioned by day, with rollups.
--
-- Before: about 270 bytes per stored reading (text gateway, device, sensor and unit in every row,
-- a text primary key and a text index). After: a 56-byte row keyed by a small integer series,
-- one index that serves every query, and idempotency kept outside the partitions in a bitmap
-- that costs a fraction of a byte per reading.

-- Small integer keys. Identity values are drawn only when a gateway or series is new: the
-- ingest path looks known ones up in its cache and never inserts them again.
ALTER TABLE gateway ADD COLUMN gateway_key integer GENERATED ALWAYS AS IDENTITY UNIQUE;

-- One series per device, sensor and the gateway that reports it; the unit is canonical per
-- sensor kind, so it is kept here once rather than in every reading.
CREATE TABLE series (
    series_id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    gateway_key integer NOT NULL REFERENCES gateway (gateway_key),
    device_id   text    NOT NULL,
    sensor      text    NOT NULL,
    unit        text    NOT NULL,
    UNIQUE (device_id, sensor, gateway_key)
);
CREATE INDEX series_gateway ON series (gateway_key);

-- The readings of the household's history, one partition per UTC day. Whole partitions are
-- dropped when they pass the raw retention; nothing is ever deleted row by row. No primary
-- key: a unique index on a partitioned table must contain the partition key, and then a
-- reading re-sent with a changed time would be stored twice. Idempotency is reading_seen's job.
CREATE TABLE reading_row (
    series_id   integer          NOT NULL,
    measured_at timestamptz      NOT NULL,
    value       double precision NOT NULL,
    seq         bigint           NOT NULL,
    replay_id   bigint
) PARTITION BY RANGE (measured_at);
CREATE INDEX reading_row_series_time ON reading_row (series_id, measured_at);

-- Which (gateway, seq) have been stored, as one bit per seq in blocks of 4096 seqs: 512 bytes
-- for 4096 readings, whatever their times and whichever partition holds them (or held them,
-- before retention dropped it). The ingest path locks a block row, keeps only the readings
-- whose bit is clear, and sets their bits in the same transaction as it stores them.
CREATE TABLE reading_seen (
    gateway_key integer NOT NULL,
    block       bigint  NOT NULL,
    seen        bytea   NOT NULL,
    PRIMARY KEY (gateway_key, block)
) WITH (fillfactor = 50);

-- Rollups per series, in UTC-aligned buckets: maintained by the ingest path in the transaction that stores the readings
-- (only readings stored for the first time count), kept for ever. Count and sum give averages
-- and energy; min and max the envelope.
CREATE TABLE reading_minute (
    series_id integer          NOT NULL,
    bucket    timestamptz      NOT NULL,
    n         integer          NOT NULL,
    sum       double precision NOT NULL,
    min       double precision NOT NULL,
    max       double precision NOT NULL,
    PRIMARY KEY (series_id, bucket)
);
CREATE TABLE reading_hour (LIKE reading_minute INCLUDING ALL);
CREATE TABLE reading_day (LIKE reading_minute INCLUDING ALL);

-- Creates the partition of one UTC day unless it exists; answers its name. Callers must not
-- hold a write transaction on reading_row: creating a partition waits for those to end.
CREATE FUNCTION homegrid_reading_partition(day date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    name text := 'reading_p' || to_char(day, 'YYYYMMDD');
BEGIN
    IF to_regclass(name) IS NULL THEN
        -- Two backends may both find it missing: the loser's CREATE fails, and that is success.
        BEGIN
            EXECUTE format('CREATE TABLE %I PARTITION OF reading_row FOR VALUES FROM (%L) TO (%L)', name,
                           (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
        EXCEPTION WHEN duplicate_table OR unique_violation THEN
            NULL;
        END;
    END IF;
    RETURN name;
END $$;

-- Move what v1 stored.
INSERT INTO gateway (gateway_id, first_seen, last_seen)
SELECT DISTINCT gateway_id, now(), now() FROM reading
ON CONFLICT (gateway_id) DO NOTHING;

INSERT INTO series (gateway_key, device_id, sensor, unit)
SELECT DISTINCT ON (g.gateway_key, r.device_id, r.sensor) g.gateway_key, r.device_id, r.sensor, r.unit
FROM reading r JOIN gateway g USING (gateway_id);

SELECT homegrid_reading_partition(d::date)
FROM (SELECT DISTINCT date_trunc('day', measured_at AT TIME ZONE 'UTC') AS d FROM reading) days;

INSERT INTO reading_row (series_id, measured_at, value, seq, replay_id)
SELECT s.series_id, r.measured_at, r.value, r.seq, r.replay_id
FROM reading r
JOIN gateway g USING (gateway_id)
JOIN series s ON s.gateway_key = g.gateway_key AND s.device_id = r.device_id AND s.sensor = r.sensor;

DO $$
DECLARE
    r record;
    current_key integer;
    current_block bigint;
    bits bytea;
BEGIN
    FOR r IN SELECT g.gateway_key, v.seq FROM reading v JOIN gateway g USING (gateway_id)
             ORDER BY g.gateway_key, v.seq LOOP
        -- Floor division in integers: replayed seqs are negative and too large for a float.
        IF current_key IS DISTINCT FROM r.gateway_key
                OR current_block IS DISTINCT FROM (r.seq - ((r.seq % 4096) + 4096) % 4096) / 4096 THEN
            IF current_key IS NOT NULL THEN
                INSERT INTO reading_seen VALUES (current_key, current_block, bits);
            END IF;
            current_key := r.gateway_key;
            current_block := (r.seq - ((r.seq % 4096) + 4096) % 4096) / 4096;
            bits := decode(repeat('00', 512), 'hex');
        END IF;
        bits := set_bit(bits, (r.seq - current_block * 4096)::integer, 1);
    END LOOP;
    IF current_key IS NOT NULL THEN
        INSERT INTO reading_seen VALUES (current_key, current_block, bits);
    END IF;
END $$;

INSERT INTO reading_minute
SELECT series_id, date_bin('1 minute', measured_at, timestamptz '1970-01-01 00:00:00+00'), count(*), sum(value), min(value), max(value)
FROM reading_row GROUP BY 1, 2;
INSERT INTO reading_hour
SELECT series_id, date_bin('1 hour', bucket, timestamptz '1970-01-01 00:00:00+00'), sum(n), sum(sum), min(min), max(max) FROM reading_minute GROUP BY 1, 2;
INSERT INTO reading_day
SELECT series_id, date_bin('1 day', bucket, timestamptz '1970-01-01 00:00:00+00'), sum(n), sum(sum), min(min), max(max)
FROM reading_hour GROUP BY 1, 2;

DROP TABLE reading;

-- The readings as v1 showed them, for people with psql and for tests; the ingest path and the
-- API's queries go to reading_row and series directly.
CREATE VIEW reading AS
SELECT g.gateway_id, r.seq, s.device_id, s.sensor, r.value, s.unit, r.measured_at, r.replay_id
FROM reading_row r
JOIN series s ON s.series_id = r.series_id
JOIN gateway g ON g.gateway_key = s.gateway_key;
