-- Access control: households own gateways (and through them devices, readings and CEP outputs);
-- users, third-party applications and their grants; registered gateways and their secrets; the
-- audit trail; the key that signs access tokens.

CREATE TABLE household (
    household_id text        PRIMARY KEY,
    name         text        NOT NULL,
    time_zone    text        NOT NULL,
    created      timestamptz NOT NULL
);
-- Gateways that pushed before households existed belong to this one.
INSERT INTO household (household_id, name, time_zone, created) VALUES ('default', 'Default household', 'UTC', now());

-- People. Operators run the platform and belong to no household; residents and household admins
-- belong to exactly one. password_hash is a bcrypt string (never a plain digest).
CREATE TABLE app_user (
    username      text        PRIMARY KEY,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('resident', 'household-admin', 'operator')),
    household_id  text        REFERENCES household (household_id),
    created       timestamptz NOT NULL,
    CHECK ((role = 'operator') = (household_id IS NULL))
);

-- A gateway may connect only once an administrator registered it. The secret is a long random
-- token, so a plain SHA-256 of it is enough and cheap to check on every push; null once revoked.
CREATE TABLE gateway_registration (
    gateway_id     text             PRIMARY KEY,
    household_id   text             NOT NULL REFERENCES household (household_id),
    name           text,
    description    text,
    latitude       double precision,
    longitude      double precision,
    secret_sha256  bytea,
    registered     timestamptz      NOT NULL,
    secret_changed timestamptz
);
CREATE INDEX gateway_registration_household ON gateway_registration (household_id);
-- Existing gateways keep their data but get no secret: an administrator rotates one for each.
INSERT INTO gateway_registration (gateway_id, household_id, registered)
    SELECT gateway_id, 'default', first_seen FROM gateway;

-- Third-party applications (utilities, services), registered by operators; client credentials.
CREATE TABLE application (
    client_id     text        PRIMARY KEY,
    name          text        NOT NULL,
    secret_sha256 bytea       NOT NULL,
    created       timestamptz NOT NULL
);

-- What a household lets an application see or do. devices/sensors null: all of them; history_s
-- (seconds) null: no limit on how far back; a revoked grant stays for the record.
CREATE TABLE access_grant (
    grant_id     bigserial   PRIMARY KEY,
    household_id text        NOT NULL REFERENCES household (household_id),
    client_id    text        NOT NULL REFERENCES application (client_id) ON DELETE CASCADE,
    scopes       text[]      NOT NULL,
    devices      text[],
    sensors      text[],
    history_s    bigint CHECK (history_s > 0),
    expires      timestamptz,
    created      timestamptz NOT NULL,
    revoked      timestamptz
);
CREATE INDEX access_grant_client ON access_grant (client_id) WHERE revoked IS NULL;
CREATE INDEX access_grant_household ON access_grant (household_id);

-- Who did what, when, with what outcome: relay commands, grants, gateway registrations, secret
-- rotations, statement changes.
CREATE TABLE audit_entry (
    id           bigserial   PRIMARY KEY,
    at           timestamptz NOT NULL,
    actor        text        NOT NULL,
    household_id text,
    action       text        NOT NULL,
    target       text,
    outcome      text        NOT NULL
);
CREATE INDEX audit_entry_household_at ON audit_entry (household_id, at DESC);
CREATE INDEX audit_entry_at ON audit_entry (at DESC);

-- The HMAC key that signs access tokens, shared by every backend instance on this database.
CREATE TABLE token_key (
    key_id  text        PRIMARY KEY,
    secret  bytea       NOT NULL,
    created timestamptz NOT NULL
);
