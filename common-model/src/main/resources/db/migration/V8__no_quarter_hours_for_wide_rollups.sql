-- rollup_model, rollup_api_key and rollup_error no longer keep 15-minute buckets (about one row per event at
-- that grain); the query engine reads those edges from raw events. Reclaim what was written, and keep workers
-- of the previous version from writing more while this runs.
lock table rollup_model, rollup_api_key, rollup_error in exclusive mode;

delete from rollup_model where grain = 900;
delete from rollup_api_key where grain = 900;
delete from rollup_error where grain = 900;

alter table rollup_model drop constraint rollup_model_grain_check,
    add constraint rollup_model_grain_check check (grain in (3600, 86400));
alter table rollup_api_key drop constraint rollup_api_key_grain_check,
    add constraint rollup_api_key_grain_check check (grain in (3600, 86400));
alter table rollup_error drop constraint rollup_error_grain_check,
    add constraint rollup_error_grain_check check (grain in (3600, 86400));
