-- The audit chain. Triggers write every change to the tables that decide and record results,
-- accounts and the register (who, when, what, the row before and after) into audit_pending; the
-- store seals them into audit_log before each transaction commits, each entry carrying the
-- SHA-256 of the one before, so that `sala audit verify` finds an entry edited, removed or moved.
-- Secrets (password hashes, token digests) and a publication's content (its digest is logged) stay out.

CREATE TABLE audit_pending (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TEXT NOT NULL,
    subject TEXT NOT NULL,
    operation TEXT NOT NULL,
    old_row TEXT,
    new_row TEXT
);

CREATE TABLE audit_log (
    position BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    subject TEXT NOT NULL,
    operation TEXT NOT NULL,
    old_row TEXT,
    new_row TEXT,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    hidden TEXT[] := ARRAY['password_hash', 'token_digest', 'content'];
BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), TG_TABLE_NAME, TG_OP,
        CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN (to_jsonb(OLD) - hidden)::text END,
        CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN (to_jsonb(NEW) - hidden)::text END);
    RETURN NULL;
END;
$$;

CREATE TRIGGER audit_result_events AFTER INSERT ON result_events FOR EACH ROW EXECUTE FUNCTION audit_row();

CREATE TRIGGER audit_result_forms AFTER INSERT OR UPDATE OR DELETE ON result_forms FOR EACH ROW EXECUTE FUNCTION audit_row();

CREATE TRIGGER audit_result_form_votes AFTER INSERT OR UPDATE OR DELETE ON result_form_votes FOR EACH ROW EXECUTE FUNCTION audit_row();

CREATE TRIGGER audit_result_confirmations AFTER INSERT OR DELETE ON result_confirmations FOR EACH ROW EXECUTE FUNCTION audit_row();

CREATE TRIGGER audit_publications AFTER INSERT OR UPDATE OR DELETE ON publications FOR EACH ROW EXECUTE FUNCTION audit_row();

CREATE TRIGGER audit_officials AFTER INSERT OR UPDATE OR DELETE ON officials FOR EACH ROW EXECUTE FUNCTION audit_row();

CREATE TRIGGER audit_machine_tokens AFTER INSERT OR UPDATE OR DELETE ON machine_tokens FOR EACH ROW EXECUTE FUNCTION audit_row();

CREATE TRIGGER audit_account_events AFTER INSERT ON account_events FOR EACH ROW EXECUTE FUNCTION audit_row();

CREATE TRIGGER audit_register_changes AFTER INSERT ON register_changes FOR EACH ROW EXECUTE FUNCTION audit_row();

CREATE TRIGGER audit_duplicate_decisions AFTER INSERT ON duplicate_decisions FOR EACH ROW EXECUTE FUNCTION audit_row();
