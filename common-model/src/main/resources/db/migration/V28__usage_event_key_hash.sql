-- Exactly-once identities in 16 bytes: usage_event_key kept (org_id, team_id, request_id) as text, about 160 B per
-- event at 10M events (heap and primary key each held both ids). Now it keeps the organization and a 128-bit digest
-- of (team_id, request_id); the organization stays the leading key column, so each organization's identities stay
-- together (and co-located with its events when distributed by org_id).
--
-- The digest is md5 over the team id's length, the team id and the request id: the length prefix makes the encoding
-- unambiguous ('ab' + 'c' and 'a' + 'bc' differ). Two different identities of one organization are taken for one
-- only if their digests collide: with n identities per organization the chance is about n² / 2^129 (below 10^-14 at
-- 10^12 events). A collision one could craft on purpose needs the organization's own ingest key, which can already
-- send any event of that organization; it cannot touch another organization's identities.
--
-- Identities are still never dropped with their events, so a retry of an event stays a duplicate forever.

-- Ingest of the previous version inserts (org_id, team_id, request_id): keep it out until this commits; afterwards
-- its statement fails on the new columns and its batch rolls back (nothing stored, the gateway retries).
lock table usage_event_key in exclusive mode;

create function usage_event_key_hash(team_id text, request_id text) returns uuid
    language sql immutable strict parallel safe as
$$
select md5(length(team_id) || ':' || team_id || request_id)::uuid
$$;

create table usage_event_key_v28 (
    org_id   text not null,
    key_hash uuid not null
);

insert into usage_event_key_v28 (org_id, key_hash)
select org_id, usage_event_key_hash(team_id, request_id)
  from usage_event_key;

drop table usage_event_key;
alter table usage_event_key_v28 rename to usage_event_key;
alter table usage_event_key add constraint usage_event_key_pkey primary key (org_id, key_hash);

analyze usage_event_key;
