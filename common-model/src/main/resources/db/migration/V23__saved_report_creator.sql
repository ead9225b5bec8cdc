-- Who saved a report, by OIDC subject (`sub`), so its creator may delete it (besides a team admin of its team).
-- created_by keeps the e-mail (or subject) shown to people; e-mails are not unique identities. Reports saved before
-- this migration have no creator subject: only a team admin (or org admin) deletes them, as before.
alter table saved_report add column if not exists creator_subject text;
