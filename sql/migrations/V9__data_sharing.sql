-- Issue 14: data sharing to registered services. An operator gives an application a delivery
-- endpoint (an HTTPS webhook); what the households' grants let that application read is pushed
-- to it as it arrives. Each item waits in webhook_item (the outbox) until the endpoint took it:
-- at least once, each item with a key that stays the same on every attempt.
CREATE TABLE webhook (
    client_id      text        PRIMARY KEY REFERENCES application (client_id) ON DELETE CASCADE,
    url            text        NOT NULL,
    -- the HMAC key deliveries are signed with: kept readable, since every delivery needs it; shown
    -- to the operator once, at registration
    signing_key    bytea       NOT NULL,
    created        timestamptz NOT NULL,
    delivered      bigint      NOT NULL DEFAULT 0,
    last_delivered timestamptz,
    failing_since  timestamptz,
    last_error     text,
    last_error_at  timestamptz,
    -- consecutive failed attempts, and when the next may be made: the endpoint's, not each item's,
    -- so that its items always go in the order they came
    attempts       integer     NOT NULL DEFAULT 0,
    next_attempt   timestamptz
);

CREATE TABLE webhook_item (
    item_id      bigserial   PRIMARY KEY,
    client_id    text        NOT NULL REFERENCES webhook (client_id) ON DELETE CASCADE,
    household_id text        NOT NULL,
    item_key     text        NOT NULL,
    kind         text        NOT NULL,
    body         text        NOT NULL,
    created      timestamptz NOT NULL,
    UNIQUE (client_id, item_key)
);
CREATE INDEX webhook_item_order ON webhook_item (client_id, item_id);

-- What reached each application per household, for the household's admins.
CREATE TABLE webhook_household (
    client_id      text        NOT NULL REFERENCES webhook (client_id) ON DELETE CASCADE,
    household_id   text        NOT NULL,
    delivered      bigint      NOT NULL DEFAULT 0,
    last_delivered timestamptz,
    PRIMARY KEY (client_id, household_id)
);
