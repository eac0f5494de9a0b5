-- The audit chain. Triggers write every change to the tables that decide and record results,
-- accounts and the register (who, when, what, the row before and after) into audit_pending; the
-- store seals them into audit_log before each transaction commits, each entry carrying the
-- SHA-256 of the one before, so that `sala audit verify` finds an entry edited, removed or moved.
-- Secrets (password hashes, token digests) and a publication's content (its digest is logged) stay out.

CREATE TABLE audit_pending (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    subject TEXT NOT NULL,
    operation TEXT NOT NULL,
    old_row TEXT,
    new_row TEXT
) STRICT;

CREATE TABLE audit_log (
    position INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    subject TEXT NOT NULL,
    operation TEXT NOT NULL,
    old_row TEXT,
    new_row TEXT,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_result_events_insert AFTER INSERT ON result_events BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'result_events', 'INSERT', NULL, json_object('id', NEW.id, 'station_code', NEW.station_code, 'version', NEW.version, 'at', NEW.at, 'official_id', NEW.official_id, 'action', NEW.action, 'status', NEW.status, 'detail', NEW.detail));
END;

CREATE TRIGGER audit_result_forms_insert AFTER INSERT ON result_forms BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'result_forms', 'INSERT', NULL, json_object('station_code', NEW.station_code, 'version', NEW.version, 'status', NEW.status, 'reason', NEW.reason, 'opened_by', NEW.opened_by, 'resolved_by', NEW.resolved_by, 'acknowledged_by', NEW.acknowledged_by, 'warnings', NEW.warnings, 'registered', NEW.registered, 'received', NEW.received, 'issued', NEW.issued, 'in_box', NEW.in_box, 'spoiled', NEW.spoiled, 'unused', NEW.unused, 'invalid', NEW.invalid));
END;

CREATE TRIGGER audit_result_forms_update AFTER UPDATE ON result_forms BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'result_forms', 'UPDATE', json_object('station_code', OLD.station_code, 'version', OLD.version, 'status', OLD.status, 'reason', OLD.reason, 'opened_by', OLD.opened_by, 'resolved_by', OLD.resolved_by, 'acknowledged_by', OLD.acknowledged_by, 'warnings', OLD.warnings, 'registered', OLD.registered, 'received', OLD.received, 'issued', OLD.issued, 'in_box', OLD.in_box, 'spoiled', OLD.spoiled, 'unused', OLD.unused, 'invalid', OLD.invalid), json_object('station_code', NEW.station_code, 'version', NEW.version, 'status', NEW.status, 'reason', NEW.reason, 'opened_by', NEW.opened_by, 'resolved_by', NEW.resolved_by, 'acknowledged_by', NEW.acknowledged_by, 'warnings', NEW.warnings, 'registered', NEW.registered, 'received', NEW.received, 'issued', NEW.issued, 'in_box', NEW.in_box, 'spoiled', NEW.spoiled, 'unused', NEW.unused, 'invalid', NEW.invalid));
END;

CREATE TRIGGER audit_result_forms_delete AFTER DELETE ON result_forms BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'result_forms', 'DELETE', json_object('station_code', OLD.station_code, 'version', OLD.version, 'status', OLD.status, 'reason', OLD.reason, 'opened_by', OLD.opened_by, 'resolved_by', OLD.resolved_by, 'acknowledged_by', OLD.acknowledged_by, 'warnings', OLD.warnings, 'registered', OLD.registered, 'received', OLD.received, 'issued', OLD.issued, 'in_box', OLD.in_box, 'spoiled', OLD.spoiled, 'unused', OLD.unused, 'invalid', OLD.invalid), NULL);
END;

CREATE TRIGGER audit_result_form_votes_insert AFTER INSERT ON result_form_votes BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'result_form_votes', 'INSERT', NULL, json_object('station_code', NEW.station_code, 'version', NEW.version, 'party_id', NEW.party_id, 'votes', NEW.votes));
END;

CREATE TRIGGER audit_result_form_votes_update AFTER UPDATE ON result_form_votes BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'result_form_votes', 'UPDATE', json_object('station_code', OLD.station_code, 'version', OLD.version, 'party_id', OLD.party_id, 'votes', OLD.votes), json_object('station_code', NEW.station_code, 'version', NEW.version, 'party_id', NEW.party_id, 'votes', NEW.votes));
END;

CREATE TRIGGER audit_result_form_votes_delete AFTER DELETE ON result_form_votes BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'result_form_votes', 'DELETE', json_object('station_code', OLD.station_code, 'version', OLD.version, 'party_id', OLD.party_id, 'votes', OLD.votes), NULL);
END;

CREATE TRIGGER audit_result_confirmations_insert AFTER INSERT ON result_confirmations BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'result_confirmations', 'INSERT', NULL, json_object('level', NEW.level, 'unit_code', NEW.unit_code, 'official_id', NEW.official_id, 'confirmed_at', NEW.confirmed_at));
END;

CREATE TRIGGER audit_result_confirmations_delete AFTER DELETE ON result_confirmations BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'result_confirmations', 'DELETE', json_object('level', OLD.level, 'unit_code', OLD.unit_code, 'official_id', OLD.official_id, 'confirmed_at', OLD.confirmed_at), NULL);
END;

CREATE TRIGGER audit_publications_insert AFTER INSERT ON publications BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'publications', 'INSERT', NULL, json_object('number', NEW.number, 'published_at', NEW.published_at, 'official_id', NEW.official_id, 'stations_reported', NEW.stations_reported, 'stations_total', NEW.stations_total, 'official', NEW.official, 'digest', NEW.digest, 'signature', NEW.signature));
END;

CREATE TRIGGER audit_publications_update AFTER UPDATE ON publications BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'publications', 'UPDATE', json_object('number', OLD.number, 'published_at', OLD.published_at, 'official_id', OLD.official_id, 'stations_reported', OLD.stations_reported, 'stations_total', OLD.stations_total, 'official', OLD.official, 'digest', OLD.digest, 'signature', OLD.signature), json_object('number', NEW.number, 'published_at', NEW.published_at, 'official_id', NEW.official_id, 'stations_reported', NEW.stations_reported, 'stations_total', NEW.stations_total, 'official', NEW.official, 'digest', NEW.digest, 'signature', NEW.signature));
END;

CREATE TRIGGER audit_publications_delete AFTER DELETE ON publications BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'publications', 'DELETE', json_object('number', OLD.number, 'published_at', OLD.published_at, 'official_id', OLD.official_id, 'stations_reported', OLD.stations_reported, 'stations_total', OLD.stations_total, 'official', OLD.official, 'digest', OLD.digest, 'signature', OLD.signature), NULL);
END;

CREATE TRIGGER audit_officials_insert AFTER INSERT ON officials BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'officials', 'INSERT', NULL, json_object('id', NEW.id, 'name', NEW.name, 'role', NEW.role, 'unit_code', NEW.unit_code, 'created_at', NEW.created_at, 'disabled_at', NEW.disabled_at));
END;

CREATE TRIGGER audit_officials_update AFTER UPDATE ON officials BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'officials', 'UPDATE', json_object('id', OLD.id, 'name', OLD.name, 'role', OLD.role, 'unit_code', OLD.unit_code, 'created_at', OLD.created_at, 'disabled_at', OLD.disabled_at), json_object('id', NEW.id, 'name', NEW.name, 'role', NEW.role, 'unit_code', NEW.unit_code, 'created_at', NEW.created_at, 'disabled_at', NEW.disabled_at));
END;

CREATE TRIGGER audit_officials_delete AFTER DELETE ON officials BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'officials', 'DELETE', json_object('id', OLD.id, 'name', OLD.name, 'role', OLD.role, 'unit_code', OLD.unit_code, 'created_at', OLD.created_at, 'disabled_at', OLD.disabled_at), NULL);
END;

CREATE TRIGGER audit_machine_tokens_insert AFTER INSERT ON machine_tokens BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'machine_tokens', 'INSERT', NULL, json_object('official_id', NEW.official_id, 'label', NEW.label, 'created_at', NEW.created_at, 'expires_at', NEW.expires_at, 'revoked_at', NEW.revoked_at));
END;

CREATE TRIGGER audit_machine_tokens_update AFTER UPDATE ON machine_tokens BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'machine_tokens', 'UPDATE', json_object('official_id', OLD.official_id, 'label', OLD.label, 'created_at', OLD.created_at, 'expires_at', OLD.expires_at, 'revoked_at', OLD.revoked_at), json_object('official_id', NEW.official_id, 'label', NEW.label, 'created_at', NEW.created_at, 'expires_at', NEW.expires_at, 'revoked_at', NEW.revoked_at));
END;

CREATE TRIGGER audit_machine_tokens_delete AFTER DELETE ON machine_tokens BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'machine_tokens', 'DELETE', json_object('official_id', OLD.official_id, 'label', OLD.label, 'created_at', OLD.created_at, 'expires_at', OLD.expires_at, 'revoked_at', OLD.revoked_at), NULL);
END;

CREATE TRIGGER audit_account_events_insert AFTER INSERT ON account_events BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'account_events', 'INSERT', NULL, json_object('id', NEW.id, 'official_id', NEW.official_id, 'at', NEW.at, 'kind', NEW.kind, 'by_official_id', NEW.by_official_id, 'client', NEW.client, 'detail', NEW.detail));
END;

CREATE TRIGGER audit_register_changes_insert AFTER INSERT ON register_changes BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'register_changes', 'INSERT', NULL, json_object('id', NEW.id, 'kind', NEW.kind, 'voter_number', NEW.voter_number, 'station_code', NEW.station_code, 'name_km', NEW.name_km, 'name_latin', NEW.name_latin, 'sex', NEW.sex, 'birth_date', NEW.birth_date, 'from_station', NEW.from_station, 'reason', NEW.reason, 'official_id', NEW.official_id, 'changed_at', NEW.changed_at));
END;

CREATE TRIGGER audit_duplicate_decisions_insert AFTER INSERT ON duplicate_decisions BEGIN
    INSERT INTO audit_pending (at, subject, operation, old_row, new_row)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'duplicate_decisions', 'INSERT', NULL, json_object('id', NEW.id, 'case_id', NEW.case_id, 'verdict', NEW.verdict, 'note', NEW.note, 'official_id', NEW.official_id, 'decided_at', NEW.decided_at));
END;
