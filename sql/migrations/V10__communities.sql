-- Issue 17: energy communities. A community (nested under a parent or not) groups households; a
-- household admin joins or leaves. Joining is the household's grant to the community: the
-- community sees the household's net load (its demand less what its PV and battery supply) summed
-- with the other members', never its devices. Limits are the community's residual load, in watts,
-- above which batteries discharge and below which they recharge.
CREATE TABLE community (
    community_id  text             PRIMARY KEY,
    name          text             NOT NULL,
    parent_id     text             REFERENCES community (community_id),
    limit_w       double precision NOT NULL,
    lower_limit_w double precision NOT NULL,
    created       timestamptz      NOT NULL,
    CHECK (lower_limit_w <= limit_w)
);

-- A membership ends by its row going: what the community saw while the household was a member
-- (its residual load) stays the community's.
CREATE TABLE community_member (
    community_id text        NOT NULL REFERENCES community (community_id),
    household_id text        NOT NULL REFERENCES household (household_id),
    joined       timestamptz NOT NULL,
    joined_by    text        NOT NULL,
    PRIMARY KEY (community_id, household_id)
);
CREATE INDEX community_member_household ON community_member (household_id);

-- Community operators belong to no household; they see the aggregates of the communities
-- assigned to them here, and of those communities' sub-communities.
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user DROP CONSTRAINT app_user_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
    CHECK (role IN ('resident', 'household-admin', 'operator', 'community-operator'));
ALTER TABLE app_user ADD CONSTRAINT app_user_check
    CHECK ((role IN ('operator', 'community-operator')) = (household_id IS NULL));
CREATE TABLE community_operator (
    community_id text NOT NULL REFERENCES community (community_id),
    username     text NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    PRIMARY KEY (community_id, username)
);

-- Each community's residual load per clock minute, as the CEP engine computed it from its
-- members' readings: demand (their devices' power), generation (PV) and battery power (+
-- discharging) summed, residual = demand - generation - battery. Written once per community and
-- minute: an output the bus delivers twice is stored once.
CREATE TABLE community_residual (
    community_id text             NOT NULL,
    minute_start timestamptz      NOT NULL,
    demand_w     double precision NOT NULL,
    generation_w double precision NOT NULL,
    battery_w    double precision NOT NULL,
    residual_w   double precision NOT NULL,
    households   integer          NOT NULL,
    PRIMARY KEY (community_id, minute_start)
);
