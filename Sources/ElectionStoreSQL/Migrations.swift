import ElectionCore
import ElectionStore
import Foundation
import SQLKit

/// One named, ordered change to the schema. Migrations are applied in order at start and recorded
/// in `schema_migrations`; a migration is never edited once released, only followed by a new one.
struct Migration: Sendable {
    let name: String
    let statements: @Sendable (SQLDialect) -> [String]
    /// Fills new columns from existing rows, in the migration's transaction, when SQL alone cannot.
    var fill: (@Sendable (any SQLTransaction) async throws -> Void)? = nil
}

enum Migrations {
    /// Every migration, oldest first.
    static let all: [Migration] = [
        Migration(name: "001_election_and_geography", statements: electionAndGeography),
        Migration(name: "002_commissions", statements: commissions),
        Migration(name: "003_parties_and_candidates", statements: partiesAndCandidates),
        Migration(name: "004_voter_register", statements: voterRegister),
        Migration(name: "005_accounts", statements: accounts),
        Migration(name: "006_result_forms", statements: resultForms),
        Migration(name: "007_observation", statements: observation),
        Migration(name: "008_register_keeping", statements: registerKeeping, fill: fillNameKeys),
    ]

    /// The tables the migrations create, in creation order.
    static let tables = [
        "election", "provenance", "constituencies", "constituency_outlines", "communes", "polling_stations",
        "commissions", "commission_members", "parties", "candidates", "voters",
        "officials", "sessions", "machine_tokens",
        "result_forms", "result_entries", "result_entry_votes", "result_form_votes", "current_forms", "current_votes",
        "result_events", "result_confirmations", "publications",
        "missions", "mission_members", "mission_activities", "observer_tokens", "checklist_forms", "station_draws",
        "teams", "deployments", "station_visits", "checklist_submissions", "submission_receipts", "mission_statements", "incidents",
        "register_imports", "register_changes", "duplicate_cases", "duplicate_case_voters", "duplicate_decisions",
    ]

    /// The PostgreSQL advisory lock migrating processes take turns with ("sala" in ASCII).
    static let lockKey = 0x73616C61

    /// Applies the migrations the database lacks, each in its own transaction. A database that is
    /// up to date is only read, so many processes may open it at once.
    static func apply(on engine: any SQLEngine) async throws {
        let dialect = engine.dialect
        let tableQuery: SQLQueryString = dialect == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            : "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'"
        let applied: [String] = try await engine.read { db in
            guard try await db.raw(tableQuery).first() != nil else { return [] }
            return try await db.raw("SELECT name FROM schema_migrations ORDER BY name").all()
                .map { try $0.decode(column: "name", as: String.self) }
        }
        let known = Set(all.map(\.name))
        let unknown = applied.filter { !known.contains($0) }
        guard unknown.isEmpty else { throw StoreError.unknownMigrations(unknown) }
        let missing = all.filter { !applied.contains($0.name) }
        guard !missing.isEmpty else { return }
        try await engine.withTransaction { tx in
            if dialect == .postgres { try await tx.sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.lockKey))").run() }
            try await tx.sql.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name TEXT PRIMARY KEY,
                    applied_at TEXT NOT NULL
                )\(unsafeRaw: dialect.tableOptions)
                """).run()
        }
        for migration in missing {
            try await engine.withTransaction { tx in
                // Another process may be applying it, or have applied it since we looked: on
                // PostgreSQL wait for it (SQLite has one writer at a time already), then look again.
                if dialect == .postgres { try await tx.sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.lockKey))").run() }
                let done = try await tx.sql.raw(
                    "SELECT name FROM schema_migrations WHERE name = \(bind: migration.name)").first()
                guard done == nil else { return }
                for statement in migration.statements(dialect) {
                    try await tx.sql.raw("\(unsafeRaw: statement)").run()
                }
                try await migration.fill?(tx)
                try await tx.sql.raw(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (\(bind: migration.name), \(bind: ISO8601.now()))"
                ).run()
            }
        }
    }

    static func electionAndGeography(_ d: SQLDialect) -> [String] {
        [
            """
            CREATE TABLE election (
                id TEXT PRIMARY KEY,
                singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
                name_en TEXT NOT NULL,
                name_km TEXT NOT NULL,
                election_day TEXT NOT NULL \(d.isoDateCheck("election_day")),
                polls_open TEXT NOT NULL,
                polls_close TEXT NOT NULL,
                seats INTEGER NOT NULL CHECK (seats > 0),
                seat_method TEXT NOT NULL,
                minimum_voting_age INTEGER NOT NULL CHECK (minimum_voting_age > 0),
                minimum_candidate_age INTEGER NOT NULL CHECK (minimum_candidate_age > 0)
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE provenance (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE constituencies (
                code TEXT PRIMARY KEY \(d.digitsCheck("code", length: 2)),
                name_en TEXT NOT NULL CHECK (name_en <> ''),
                name_km TEXT NOT NULL CHECK (name_km <> ''),
                kind TEXT NOT NULL CHECK (kind IN ('province', 'capital')),
                seats INTEGER NOT NULL CHECK (seats > 0)
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE constituency_outlines (
                code TEXT PRIMARY KEY REFERENCES constituencies (code),
                geojson TEXT NOT NULL CHECK (geojson <> '')
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE communes (
                code TEXT PRIMARY KEY \(d.digitsCheck("code", length: 6)),
                province_code TEXT NOT NULL REFERENCES constituencies (code),
                district_code TEXT NOT NULL \(d.digitsCheck("district_code", length: 4)),
                district_name TEXT NOT NULL,
                name_en TEXT NOT NULL CHECK (name_en <> ''),
                name_km TEXT NOT NULL CHECK (name_km <> ''),
                kind TEXT NOT NULL CHECK (kind IN ('Commune', 'Sangkat')),
                latitude \(d.real) CHECK (latitude BETWEEN -90 AND 90),
                longitude \(d.real) CHECK (longitude BETWEEN -180 AND 180),
                CHECK (substr(code, 1, 2) = province_code),
                CHECK (substr(code, 1, 4) = district_code),
                CHECK ((latitude IS NULL) = (longitude IS NULL))
            )\(d.tableOptions)
            """,
            "CREATE INDEX communes_by_province ON communes (province_code)",
            """
            CREATE TABLE polling_stations (
                code TEXT PRIMARY KEY \(d.digitsCheck("code", length: 9)),
                commune_code TEXT NOT NULL REFERENCES communes (code),
                name_en TEXT NOT NULL CHECK (name_en <> ''),
                name_km TEXT NOT NULL CHECK (name_km <> ''),
                address_en TEXT NOT NULL,
                address_km TEXT NOT NULL,
                latitude \(d.real) NOT NULL CHECK (latitude BETWEEN -90 AND 90),
                longitude \(d.real) NOT NULL CHECK (longitude BETWEEN -180 AND 180),
                registered_voters INTEGER NOT NULL CHECK (registered_voters >= 0),
                CHECK (substr(code, 1, 6) = commune_code)
            )\(d.tableOptions)
            """,
            "CREATE INDEX polling_stations_by_commune ON polling_stations (commune_code)",
            "CREATE INDEX polling_stations_by_latitude ON polling_stations (latitude)",
        ]
    }

    static func commissions(_ d: SQLDialect) -> [String] {
        [
            """
            CREATE TABLE commissions (
                id TEXT PRIMARY KEY,
                level TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'commune', 'polling-station')),
                unit_code TEXT NOT NULL,
                name_en TEXT NOT NULL CHECK (name_en <> ''),
                name_km TEXT NOT NULL CHECK (name_km <> ''),
                UNIQUE (level, unit_code)
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE commission_members (
                commission_id TEXT NOT NULL REFERENCES commissions (id),
                seat INTEGER NOT NULL CHECK (seat > 0),
                role TEXT NOT NULL CHECK (role IN ('chair', 'vice-chair', 'member')),
                name_km TEXT NOT NULL CHECK (name_km <> ''),
                name_latin TEXT NOT NULL CHECK (name_latin <> ''),
                sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
                PRIMARY KEY (commission_id, seat)
            )\(d.tableOptions)
            """,
            "CREATE UNIQUE INDEX one_chair_per_commission ON commission_members (commission_id) WHERE role = 'chair'",
        ]
    }

    static func partiesAndCandidates(_ d: SQLDialect) -> [String] {
        [
            """
            CREATE TABLE parties (
                id INTEGER PRIMARY KEY CHECK (id > 0),
                name_en TEXT NOT NULL UNIQUE CHECK (name_en <> ''),
                name_km TEXT NOT NULL CHECK (name_km <> ''),
                abbreviation TEXT NOT NULL
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE candidates (
                party_id INTEGER NOT NULL REFERENCES parties (id),
                constituency_code TEXT NOT NULL REFERENCES constituencies (code),
                list_position INTEGER NOT NULL CHECK (list_position > 0),
                name_km TEXT NOT NULL CHECK (name_km <> ''),
                name_latin TEXT NOT NULL CHECK (name_latin <> ''),
                sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
                birth_date TEXT NOT NULL \(d.isoDateCheck("birth_date")),
                PRIMARY KEY (party_id, constituency_code, list_position)
            )\(d.tableOptions)
            """,
        ]
    }

    static func voterRegister(_ d: SQLDialect) -> [String] {
        [
            """
            CREATE TABLE voters (
                voter_number \(d.bigInteger) PRIMARY KEY CHECK (voter_number BETWEEN 0 AND 9999999999),
                station_code TEXT NOT NULL REFERENCES polling_stations (code),
                name_km TEXT NOT NULL CHECK (name_km <> ''),
                name_latin TEXT NOT NULL CHECK (name_latin <> ''),
                sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
                birth_date TEXT NOT NULL \(d.isoDateCheck("birth_date"))
            )\(d.tableOptions)
            """,
            "CREATE INDEX voters_by_birth_date ON voters (birth_date)",
            "CREATE INDEX voters_by_station ON voters (station_code)",
        ]
    }
}

extension Migrations {
    static func accounts(_ d: SQLDialect) -> [String] {
        [
            """
            CREATE TABLE officials (
                id \(d.identityPrimaryKey),
                name TEXT NOT NULL UNIQUE CHECK (name <> ''),
                role TEXT NOT NULL CHECK (role IN ('nec-administrator', 'provincial-official', 'commune-official', 'station-official')),
                unit_code TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL,
                CHECK (length(unit_code) = CASE role WHEN 'nec-administrator' THEN 0 WHEN 'provincial-official' THEN 2
                    WHEN 'commune-official' THEN 6 ELSE 9 END)
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE sessions (
                token_digest TEXT PRIMARY KEY,
                official_id INTEGER NOT NULL REFERENCES officials (id),
                csrf_token TEXT NOT NULL,
                expires_at TEXT NOT NULL
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE machine_tokens (
                token_digest TEXT PRIMARY KEY,
                official_id INTEGER NOT NULL REFERENCES officials (id),
                label TEXT NOT NULL,
                created_at TEXT NOT NULL
            )\(d.tableOptions)
            """,
        ]
    }

    /// Counts shared by entries, versions and the current figures.
    private static let countColumns = """
        registered INTEGER NOT NULL CHECK (registered >= 0),
        received INTEGER NOT NULL CHECK (received >= 0),
        issued INTEGER NOT NULL CHECK (issued >= 0),
        in_box INTEGER NOT NULL CHECK (in_box >= 0),
        spoiled INTEGER NOT NULL CHECK (spoiled >= 0),
        unused INTEGER NOT NULL CHECK (unused >= 0),
        invalid INTEGER NOT NULL CHECK (invalid >= 0)
        """

    static func resultForms(_ d: SQLDialect) -> [String] {
        let status = "CHECK (status IN ('awaiting-first-entry', 'awaiting-second-entry', 'disputed', 'awaiting-acknowledgement', 'accepted'))"
        return [
            // One row per version; the settled figures stay NULL until both entries agree or a
            // coordinator settles them.
            """
            CREATE TABLE result_forms (
                station_code TEXT NOT NULL REFERENCES polling_stations (code),
                version INTEGER NOT NULL CHECK (version > 0),
                status TEXT NOT NULL \(status),
                reason TEXT,
                opened_by INTEGER REFERENCES officials (id),
                resolved_by INTEGER REFERENCES officials (id),
                acknowledged_by INTEGER REFERENCES officials (id),
                warnings TEXT NOT NULL,
                registered INTEGER, received INTEGER, issued INTEGER, in_box INTEGER,
                spoiled INTEGER, unused INTEGER, invalid INTEGER,
                PRIMARY KEY (station_code, version),
                CHECK ((version = 1) = (reason IS NULL))
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE result_entries (
                station_code TEXT NOT NULL,
                version INTEGER NOT NULL,
                official_id INTEGER NOT NULL REFERENCES officials (id),
                position INTEGER NOT NULL CHECK (position IN (1, 2)),
                \(countColumns),
                PRIMARY KEY (station_code, version, official_id),
                UNIQUE (station_code, version, position),
                FOREIGN KEY (station_code, version) REFERENCES result_forms (station_code, version)
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE result_entry_votes (
                station_code TEXT NOT NULL,
                version INTEGER NOT NULL,
                official_id INTEGER NOT NULL,
                party_id INTEGER NOT NULL REFERENCES parties (id),
                votes INTEGER NOT NULL CHECK (votes >= 0),
                PRIMARY KEY (station_code, version, official_id, party_id),
                FOREIGN KEY (station_code, version, official_id) REFERENCES result_entries (station_code, version, official_id)
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE result_form_votes (
                station_code TEXT NOT NULL,
                version INTEGER NOT NULL,
                party_id INTEGER NOT NULL REFERENCES parties (id),
                votes INTEGER NOT NULL CHECK (votes >= 0),
                PRIMARY KEY (station_code, version, party_id),
                FOREIGN KEY (station_code, version) REFERENCES result_forms (station_code, version)
            )\(d.tableOptions)
            """,
            // The accepted version that counts for each station, and its figures copied beside
            // it with the station's province and commune, so that totals at any level are one
            // pass over a covering index rather than a scan of every form.
            """
            CREATE TABLE current_forms (
                station_code TEXT PRIMARY KEY REFERENCES polling_stations (code),
                province_code TEXT NOT NULL,
                commune_code TEXT NOT NULL,
                version INTEGER NOT NULL,
                \(countColumns),
                FOREIGN KEY (station_code, version) REFERENCES result_forms (station_code, version),
                CHECK (province_code = substr(station_code, 1, 2) AND commune_code = substr(station_code, 1, 6))
            )\(d.tableOptions)
            """,
            "CREATE INDEX current_forms_by_province ON current_forms (province_code)",
            "CREATE INDEX current_forms_by_commune ON current_forms (commune_code)",
            """
            CREATE TABLE current_votes (
                station_code TEXT NOT NULL REFERENCES current_forms (station_code),
                province_code TEXT NOT NULL,
                commune_code TEXT NOT NULL,
                party_id INTEGER NOT NULL REFERENCES parties (id),
                votes INTEGER NOT NULL CHECK (votes >= 0),
                PRIMARY KEY (station_code, party_id),
                CHECK (province_code = substr(station_code, 1, 2) AND commune_code = substr(station_code, 1, 6))
            )\(d.tableOptions)
            """,
            "CREATE INDEX current_votes_by_province ON current_votes (province_code, party_id, votes)",
            "CREATE INDEX current_votes_by_commune ON current_votes (commune_code, party_id, votes)",
            """
            CREATE TABLE result_events (
                id \(d.identityPrimaryKey),
                station_code TEXT NOT NULL REFERENCES polling_stations (code),
                version INTEGER NOT NULL,
                at TEXT NOT NULL,
                official_id INTEGER NOT NULL REFERENCES officials (id),
                action TEXT NOT NULL,
                status TEXT NOT NULL \(status),
                detail TEXT
            )\(d.tableOptions)
            """,
            "CREATE INDEX result_events_by_station ON result_events (station_code, id)",
            """
            CREATE TABLE result_confirmations (
                level TEXT NOT NULL CHECK (level IN ('national', 'province')),
                unit_code TEXT NOT NULL,
                official_id INTEGER NOT NULL REFERENCES officials (id),
                confirmed_at TEXT NOT NULL,
                PRIMARY KEY (level, unit_code)
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE publications (
                number INTEGER PRIMARY KEY CHECK (number > 0),
                published_at TEXT NOT NULL,
                official_id INTEGER NOT NULL REFERENCES officials (id),
                stations_reported INTEGER NOT NULL,
                stations_total INTEGER NOT NULL,
                official INTEGER NOT NULL CHECK (official IN (0, 1)),
                digest TEXT NOT NULL,
                content TEXT NOT NULL
            )\(d.tableOptions)
            """,
        ]
    }
}

extension Migrations {
    static func observation(_ d: SQLDialect) -> [String] {
        let phase = "CHECK (phase IN ('opening', 'voting', 'closing', 'counting'))"
        let time = { (c: String) in d == .sqlite ? "CHECK (\(c) GLOB '[0-2][0-9]:[0-5][0-9]')" : "CHECK (\(c) ~ '^[0-2][0-9]:[0-5][0-9]$')" }
        return [
            """
            CREATE TABLE missions (
                id TEXT PRIMARY KEY CHECK (id <> ''),
                organisation TEXT NOT NULL,
                name_en TEXT NOT NULL,
                name_km TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('international', 'domestic')),
                invitation_date TEXT,
                invited_by TEXT NOT NULL,
                working_group TEXT NOT NULL
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE mission_members (
                mission_id TEXT NOT NULL REFERENCES missions (id),
                seat INTEGER NOT NULL CHECK (seat > 0),
                name TEXT NOT NULL CHECK (name <> ''),
                body TEXT NOT NULL,
                title TEXT NOT NULL,
                is_head INTEGER NOT NULL CHECK (is_head IN (0, 1)),
                accreditation TEXT NOT NULL CHECK (accreditation IN ('requested', 'accredited', 'refused')),
                PRIMARY KEY (mission_id, seat)
            )\(d.tableOptions)
            """,
            "CREATE UNIQUE INDEX one_head_per_mission ON mission_members (mission_id) WHERE is_head = 1",
            """
            CREATE TABLE mission_activities (
                id \(d.identityPrimaryKey),
                mission_id TEXT NOT NULL REFERENCES missions (id),
                kind TEXT NOT NULL CHECK (kind IN ('meeting', 'campaign-event', 'media-monitoring', 'legal-framework')),
                day TEXT NOT NULL \(d.isoDateCheck("day")),
                with_whom TEXT NOT NULL,
                notes TEXT NOT NULL
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE observer_tokens (
                token_digest TEXT PRIMARY KEY,
                mission_id TEXT NOT NULL,
                seat INTEGER NOT NULL,
                FOREIGN KEY (mission_id, seat) REFERENCES mission_members (mission_id, seat)
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE checklist_forms (
                id TEXT NOT NULL,
                version INTEGER NOT NULL CHECK (version > 0),
                definition TEXT NOT NULL,
                PRIMARY KEY (id, version)
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE station_draws (
                id \(d.identityPrimaryKey),
                mission_id TEXT NOT NULL REFERENCES missions (id),
                team TEXT NOT NULL,
                seed TEXT NOT NULL,
                strata TEXT NOT NULL,
                size INTEGER NOT NULL,
                frame TEXT NOT NULL,
                stations TEXT NOT NULL,
                drawn_at TEXT NOT NULL
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE teams (
                mission_id TEXT NOT NULL REFERENCES missions (id),
                name TEXT NOT NULL CHECK (name <> ''),
                members TEXT NOT NULL,
                area TEXT NOT NULL,
                PRIMARY KEY (mission_id, name)
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE deployments (
                mission_id TEXT NOT NULL REFERENCES missions (id),
                station_code TEXT NOT NULL REFERENCES polling_stations (code),
                team TEXT NOT NULL,
                PRIMARY KEY (mission_id, station_code)
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE station_visits (
                id \(d.identityPrimaryKey),
                mission_id TEXT NOT NULL REFERENCES missions (id),
                station_code TEXT NOT NULL REFERENCES polling_stations (code),
                team TEXT NOT NULL,
                arrival TEXT NOT NULL \(time("arrival")),
                departure TEXT NOT NULL \(time("departure")),
                phase TEXT NOT NULL \(phase)
            )\(d.tableOptions)
            """,
            // Kept exactly as first received; a retry adds a receipt, never a change.
            """
            CREATE TABLE checklist_submissions (
                id TEXT PRIMARY KEY,
                mission_id TEXT NOT NULL,
                observer INTEGER NOT NULL,
                station_code TEXT NOT NULL REFERENCES polling_stations (code),
                form_id TEXT NOT NULL,
                form_version INTEGER NOT NULL,
                observed_at TEXT NOT NULL \(time("observed_at")),
                answers TEXT NOT NULL,
                digest TEXT NOT NULL,
                FOREIGN KEY (mission_id, observer) REFERENCES mission_members (mission_id, seat),
                FOREIGN KEY (form_id, form_version) REFERENCES checklist_forms (id, version)
            )\(d.tableOptions)
            """,
            "CREATE INDEX checklist_submissions_by_mission ON checklist_submissions (mission_id)",
            """
            CREATE TABLE submission_receipts (
                id \(d.identityPrimaryKey),
                submission_id TEXT NOT NULL,
                mission_id TEXT NOT NULL,
                received_at TEXT NOT NULL,
                channel TEXT NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('stored', 'repeated', 'conflict')),
                payload TEXT NOT NULL
            )\(d.tableOptions)
            """,
            "CREATE INDEX submission_receipts_by_mission ON submission_receipts (mission_id)",
            """
            CREATE TABLE mission_statements (
                mission_id TEXT PRIMARY KEY REFERENCES missions (id),
                assessment_en TEXT NOT NULL,
                assessment_km TEXT NOT NULL,
                conclusions_en TEXT NOT NULL,
                conclusions_km TEXT NOT NULL
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE incidents (
                id \(d.identityPrimaryKey),
                mission_id TEXT NOT NULL REFERENCES missions (id),
                kind TEXT NOT NULL CHECK (kind IN ('incident', 'complaint')),
                category TEXT NOT NULL CHECK (category IN ('obstruction-of-observers', 'intimidation', 'vote-buying',
                    'procedural-irregularity', 'accessibility', 'campaign-violation', 'violence', 'other')),
                severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
                station_code TEXT REFERENCES polling_stations (code),
                place TEXT NOT NULL,
                day TEXT NOT NULL \(d.isoDateCheck("day")),
                time TEXT,
                description TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('reported', 'confirmed', 'rejected', 'followed-up'))
            )\(d.tableOptions)
            """,
        ]
    }
}

/// Times as the store keeps them: ISO 8601 text in UTC with milliseconds, which sorts as time does.
enum ISO8601 {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func now() -> String { string(Date()) }

    static func string(_ date: Date) -> String { date.formatted(style) }

    static func date(_ text: String) throws -> Date {
        do { return try style.parse(text) } catch { throw Rows.Malformed(column: "time", value: text) }
    }
}

extension Migrations {
    /// The register as officials keep it: search keys on every voter, imports, changes with who
    /// and when, and the queue of likely duplicates.
    static func registerKeeping(_ d: SQLDialect) -> [String] {
        let voter = """
            voter_number \(d.bigInteger) NOT NULL CHECK (voter_number BETWEEN 0 AND 9999999999),
                station_code TEXT NOT NULL REFERENCES polling_stations (code),
                name_km TEXT NOT NULL CHECK (name_km <> ''),
                name_latin TEXT NOT NULL CHECK (name_latin <> ''),
                sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
                birth_date TEXT NOT NULL \(d.isoDateCheck("birth_date"))
            """
        return [
            "ALTER TABLE election ADD COLUMN citizenship TEXT NOT NULL DEFAULT 'KHM'",
            // Keys of the names (NameKey of each, LatinKey of the Khmer), worked out once by Sala when a voter is stored.
            "ALTER TABLE voters ADD COLUMN name_key TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE voters ADD COLUMN latin_key TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE voters ADD COLUMN latin_name_key TEXT NOT NULL DEFAULT ''",
            "CREATE INDEX voters_by_latin_key ON voters (latin_key)",
            """
            CREATE TABLE register_imports (
                id \(d.identityPrimaryKey),
                file_name TEXT NOT NULL,
                file_digest TEXT NOT NULL CHECK (length(file_digest) = 64),
                file_size \(d.bigInteger) NOT NULL CHECK (file_size >= 0),
                actor TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                bytes_read \(d.bigInteger) NOT NULL DEFAULT 0 CHECK (bytes_read >= 0),
                rows_read \(d.bigInteger) NOT NULL DEFAULT 0,
                added \(d.bigInteger) NOT NULL DEFAULT 0,
                already_registered \(d.bigInteger) NOT NULL DEFAULT 0,
                rejected \(d.bigInteger) NOT NULL DEFAULT 0,
                rejects_bytes \(d.bigInteger) NOT NULL DEFAULT 0,
                deferred_indexes TEXT
            )\(d.tableOptions)
            """,
            "CREATE INDEX register_imports_by_digest ON register_imports (file_digest)",
            """
            CREATE TABLE register_changes (
                id \(d.identityPrimaryKey),
                kind TEXT NOT NULL CHECK (kind IN ('registered', 'moved', 'removed')),
                \(voter),
                from_station TEXT REFERENCES polling_stations (code),
                reason TEXT NOT NULL CHECK (reason <> ''),
                official_id INTEGER NOT NULL REFERENCES officials (id),
                changed_at TEXT NOT NULL
            )\(d.tableOptions)
            """,
            "CREATE INDEX register_changes_by_voter ON register_changes (voter_number)",
            """
            CREATE TABLE duplicate_cases (
                id \(d.bigInteger) PRIMARY KEY,
                rule TEXT NOT NULL,
                group_key TEXT NOT NULL,
                opened_at TEXT NOT NULL,
                UNIQUE (rule, group_key)
            )\(d.tableOptions)
            """,
            """
            CREATE TABLE duplicate_case_voters (
                case_id INTEGER NOT NULL REFERENCES duplicate_cases (id),
                \(voter),
                PRIMARY KEY (case_id, voter_number)
            )\(d.tableOptions)
            """,
            "CREATE INDEX duplicate_case_voters_by_station ON duplicate_case_voters (station_code)",
            """
            CREATE TABLE duplicate_decisions (
                id \(d.identityPrimaryKey),
                case_id INTEGER NOT NULL REFERENCES duplicate_cases (id),
                verdict TEXT NOT NULL CHECK (verdict IN ('same-person', 'different-persons', 'unsure')),
                note TEXT NOT NULL,
                official_id INTEGER NOT NULL REFERENCES officials (id),
                decided_at TEXT NOT NULL
            )\(d.tableOptions)
            """,
            "CREATE INDEX duplicate_decisions_by_case ON duplicate_decisions (case_id, id)",
        ]
    }

    /// Works out the name keys of a register stored before they existed, a page at a time.
    @Sendable static func fillNameKeys(_ tx: any SQLTransaction) async throws {
        var last = -1
        while true {
            let page = try await tx.sql.raw("""
                SELECT voter_number, name_km, name_latin FROM voters WHERE voter_number > \(bind: last)
                ORDER BY voter_number LIMIT 10000
                """).all().map {
                (try $0.decode(column: "voter_number", as: Int.self), try $0.decode(column: "name_km", as: String.self),
                 try $0.decode(column: "name_latin", as: String.self))
            }
            guard let end = page.last else { return }
            for (number, khmer, latin) in page {
                try await tx.sql.raw("""
                    UPDATE voters SET name_key = \(bind: NameKey.of(khmer)), latin_key = \(bind: LatinKey.of(khmer)),
                        latin_name_key = \(bind: NameKey.of(latin))
                    WHERE voter_number = \(bind: number)
                    """).run()
            }
            last = end.0
        }
    }
}
