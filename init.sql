-- Database-level setup only; the schema belongs to alembic (`alembic upgrade head`).
-- The postgres image runs this once, on an empty data directory.
DO $$
BEGIN
    -- Timestamps are stored and compared in UTC whatever the server's zone is.
    EXECUTE format('ALTER DATABASE %I SET timezone TO %L', current_database(), 'UTC');
    -- A stuck statement or a forgotten open transaction must not hold locks for long.
    EXECUTE format('ALTER DATABASE %I SET statement_timeout TO %L', current_database(), '30s');
    EXECUTE format(
        'ALTER DATABASE %I SET idle_in_transaction_session_timeout TO %L', current_database(), '60s'
    );
END
$$;
