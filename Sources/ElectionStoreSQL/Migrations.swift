import ElectionStore
import Foundation
import SQLKit

/// One named, ordered change to the schema. Migrations are applied in order at start and recorded
/// in `schema_migrations`; a migration is never edited once released, only followed by a new one.
struct Migration: Sendable {
    let name: String
    let statements: @Sendable (SQLDialect) -> [String]
}

enum Migrations {
    /// Every migration, oldest first.
    static let all: [Migration] = [
        Migration(name: "001_election_and_geography", statements: electionAndGeography),
        Migration(name: "002_commissions", statements: commissions),
        Migration(name: "003_parties_and_candidates", statements: partiesAndCandidates),
        Migration(name: "004_voter_register", statements: voterRegister),
    ]

    /// The tables the migrations create, in creation order.
    static let tables = [
        "election", "provenance", "constituencies", "constituency_outlines", "communes", "polling_stations",
        "commissions", "commission_members", "parties", "candidates", "voters",
    ]

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
            try await tx.sql.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name TEXT PRIMARY KEY,
                    applied_at TEXT NOT NULL
                )\(unsafeRaw: dialect.tableOptions)
                """).run()
        }
        for migration in missing {
            try await engine.withTransaction { tx in
                // Another process may have applied it since we looked.
                let done = try await tx.sql.raw(
                    "SELECT name FROM schema_migrations WHERE name = \(bind: migration.name)").first()
                guard done == nil else { return }
                for statement in migration.statements(dialect) {
                    try await tx.sql.raw("\(unsafeRaw: statement)").run()
                }
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

enum ISO8601 {
    static func now() -> String {
        Date().formatted(.iso8601)
    }
}
