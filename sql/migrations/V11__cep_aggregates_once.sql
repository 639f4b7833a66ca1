-- A minute aggregate is stored once. When a backend instance dies or stops, the broker gives
-- the messages its CEP had not acknowledged (every reading of a minute not yet output) to the
-- instance that takes its households over, which computes those minutes again; it may also
-- compute a minute the first instance had already sent, or, from a message that reached into
-- an earlier minute, part of one. Each computation covers a subset of the same readings, so
-- the row with the most samples is the complete one and is kept.
ALTER TABLE cep_output ADD COLUMN aggregate_key text, ADD COLUMN samples bigint;
-- Rows from before have no key: the index does not hold them to this rule.
CREATE UNIQUE INDEX cep_output_aggregate_once ON cep_output (aggregate_key);
