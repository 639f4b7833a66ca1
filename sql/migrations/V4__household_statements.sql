-- A household admin's CEP statements run on that household's gateways only; the operators'
-- (household_id NULL) run on every household, as all statements did before.
ALTER TABLE cep_statement ADD COLUMN household_id text REFERENCES household (household_id) ON DELETE CASCADE;
