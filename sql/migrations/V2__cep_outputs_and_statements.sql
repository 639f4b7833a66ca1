-- Complex event processing: what the engine produced, and the statements added at run time.

-- Aggregates (kind 'aggregate', e.g. a device's or a household's power per minute) and derived
-- events (kind 'event': a device switched, a peak, a cold room), from the statement that made
-- them, at event time. values holds the statement's output columns as JSON text.
CREATE TABLE cep_output (
    id          bigserial   PRIMARY KEY,
    statement   text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('aggregate', 'event')),
    gateway_id  text,
    device_id   text,
    time        timestamptz NOT NULL,
    output      text        NOT NULL
);
CREATE INDEX cep_output_gateway_kind_time ON cep_output (gateway_id, kind, time);
CREATE INDEX cep_output_statement_time ON cep_output (statement, time);

-- EPL statements added through the API; deployed again at every start.
CREATE TABLE cep_statement (
    name        text        PRIMARY KEY,
    epl         text        NOT NULL,
    created     timestamptz NOT NULL DEFAULT now()
);
