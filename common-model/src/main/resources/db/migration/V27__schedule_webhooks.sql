-- Scheduled reports to a webhook (issue 15). A schedule may POST its report as signed JSON to a webhook_url, with
-- or without e-mail recipients (at least one of the two). Each channel of a slot is its own report_delivery row:
-- claimed, retried, failed and logged independently, so a webhook that keeps failing never resends the mail, and
-- (schedule_id, scheduled_for, channel) is unique, so each channel of a slot is delivered once across replicas.

-- The webhook and its HMAC key, sealed like alert_rule's (model.secrets.SecretBox, the schedule id as associated
-- data); the secret is shown once by report-api and never read back.
alter table report_schedule
    add column webhook_url text,
    add column webhook_secret_enc text,
    add constraint report_schedule_webhook_secret_check check ((webhook_url is null) = (webhook_secret_enc is null)),
    drop constraint report_schedule_recipients_check,
    add constraint report_schedule_recipients_check
        check (cardinality(recipients) <= 50 and (cardinality(recipients) >= 1 or webhook_url is not null));

-- channel email: the mail to recipients (every row before this migration); channel webhook: one POST to
-- webhook_url (the schedule's URL when the slot was made; the secret is read from the schedule at each attempt),
-- recipients empty. response_status: the receiver's HTTP status at the last attempt (webhooks only).
alter table report_delivery
    add column channel text not null default 'email' check (channel in ('email', 'webhook')),
    add column webhook_url text,
    add column response_status integer,
    drop constraint report_delivery_recipients_check,
    add constraint report_delivery_channel_target_check
        check ((channel = 'email' and cardinality(recipients) between 1 and 50 and webhook_url is null)
            or (channel = 'webhook' and cardinality(recipients) = 0 and webhook_url is not null)),
    drop constraint report_delivery_schedule_id_scheduled_for_key,
    add constraint report_delivery_slot_channel_key unique (schedule_id, scheduled_for, channel);
