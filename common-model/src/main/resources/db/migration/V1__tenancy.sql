-- Organizations, their teams, and the service keys machines authenticate with.

create table organization (
    org_id          text primary key,
    name            text,
    default_team_id text,
    created_at      timestamptz not null default now()
);

create table team (
    team_id       text primary key,
    org_id        text not null references organization (org_id),
    name          text not null,
    registered_by text not null check (registered_by in ('admin', 'ingest')),
    created_at    timestamptz not null default now()
);

create index team_org_idx on team (org_id, team_id);

alter table organization
    add constraint organization_default_team_fk foreign key (default_team_id) references team (team_id);

-- A service key's secret is never stored: only its SHA-256 (the secret has 192 random bits, so a slow
-- password hash would add nothing but latency on every call).
create table service_key (
    key_id       text primary key,
    org_id       text not null references organization (org_id),
    name         text not null,
    scopes       text[] not null check (cardinality(scopes) > 0 and scopes <@ array['ingest', 'stats', 'admin']),
    key_prefix   text not null,
    secret_hash  bytea not null unique,
    created_by   text,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

create index service_key_org_idx on service_key (org_id, created_at desc);
