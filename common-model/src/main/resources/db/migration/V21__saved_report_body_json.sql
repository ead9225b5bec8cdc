-- A saved report downloads as the same file it was generated as: store the report object's text as written.
-- jsonb reorders object keys (by length, then bytes), and the summary rows of a CSV download came back shuffled.
-- json keeps the text verbatim and still rejects what is not JSON. Nothing queries body with jsonb operators.
-- Existing rows keep jsonb's key order (their original order is gone); the exports order rows and columns from
-- explicit field lists (report-api export.FieldOrder), so they download in the right order too.
alter table saved_report alter column body type json using body::json;
