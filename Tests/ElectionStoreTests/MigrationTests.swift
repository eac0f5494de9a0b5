import ElectionCore
import ElectionStore
@testable import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import SQLKit
import Testing

/// Migrations are plain SQL files, one per dialect, applied once under the names databases already
/// hold; what needs Sala's code is a data step, run once after them.
@Suite struct MigrationTests {
    /// The names every released Sala recorded in `schema_migrations`. A file renamed would be
    /// applied again to those databases (and fail), so these names are kept for good.
    static let releasedNames = [
        "001_election_and_geography", "002_commissions", "003_parties_and_candidates", "004_voter_register",
        "005_accounts", "006_result_forms", "007_observation", "008_register_keeping",
    ]

    @Test func everyMigrationHasAFileInBothDialectsUnderItsReleasedName() throws {
        let sqlite = try Migration.bundled(for: .sqlite).map(\.name)
        let postgres = try Migration.bundled(for: .postgres).map(\.name)
        #expect(sqlite == postgres)
        #expect(Array(sqlite.prefix(Self.releasedNames.count)) == Self.releasedNames)
        // Numbered 001, 002, … without gap or repeat, so the order of the names is the order to apply them.
        #expect(sqlite.map { String($0.prefix(4)) } == sqlite.indices.map { String(format: "%03d_", $0 + 1) })
    }

    @Test func bothDialectsMakeTheSameTablesColumnsAndIndexes() throws {
        let sqlite = try Migration.bundled(for: .sqlite)
        let postgres = try Migration.bundled(for: .postgres)
        for (lite, pg) in zip(sqlite, postgres) {
            let objects = Self.objects(of: lite)
            #expect(!objects.isEmpty, "\(lite.name) makes nothing")
            #expect(objects == Self.objects(of: pg), "\(lite.name)")
        }
    }

    @Test func aScriptIsCutWhereItsStatementsEnd() async throws {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE a (x TEXT CHECK (x <> ';'), "odd;name" TEXT); /* a block; comment */
            INSERT INTO a VALUES ('it''s; fine', 'b');
            CREATE TRIGGER t AFTER INSERT ON a BEGIN
                UPDATE a SET x = CASE WHEN x = 'a' THEN 'b' ELSE x END;
                DELETE FROM a WHERE x = 'z';
            END;
            DO $$ BEGIN PERFORM 1; END $$;
            SELECT 1
            """
        let statements = SQLScript.statements(in: script)
        #expect(statements == [
            #"CREATE TABLE a (x TEXT CHECK (x <> ';'), "odd;name" TEXT)"#,
            "INSERT INTO a VALUES ('it''s; fine', 'b')",
            """
            CREATE TRIGGER t AFTER INSERT ON a BEGIN
                UPDATE a SET x = CASE WHEN x = 'a' THEN 'b' ELSE x END;
                DELETE FROM a WHERE x = 'z';
            END
            """,
            "DO $$ BEGIN PERFORM 1; END $$",
            "SELECT 1",
        ])
        // SQLite takes the table, the row and the trigger as cut.
        let xs = try await Self.withSQLite(at: try Self.newDatabasePath()) { engine in
            try await engine.withTransaction { tx in
                for statement in statements.prefix(3) { try await tx.sql.raw("\(unsafeRaw: statement)").run() }
                try await tx.sql.raw("INSERT INTO a VALUES ('a', 'c')").run()
            }
            return try await engine.read { db in
                try await db.raw("SELECT x FROM a ORDER BY x").all().map { try $0.decode(column: "x", as: String.self) }
            }
        }
        #expect(xs == ["b", "it's; fine"])
    }

    @Test func aDatabaseMigratedBeforeMigrationsWereFilesIsRecognised() async throws {
        // What the Sala that kept its migrations in Swift left: the same statements, and their names.
        let path = try Self.newDatabasePath()
        let migrations = try Migration.bundled(for: .sqlite).prefix(Self.releasedNames.count)
        let appliedAt = "2026-01-01T00:00:00.000Z"
        try await Self.withSQLite(at: path) { engine in
            try await engine.withTransaction { tx in
                try await tx.sql.raw("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        name TEXT PRIMARY KEY,
                        applied_at TEXT NOT NULL
                    ) STRICT
                    """).run()
                for migration in migrations {
                    for statement in migration.statements { try await tx.sql.raw("\(unsafeRaw: statement)").run() }
                    try await tx.sql.raw(
                        "INSERT INTO schema_migrations VALUES (\(bind: migration.name), \(bind: appliedAt))").run()
                }
            }
        }

        // Applying a migration again would fail (its tables exist); none is, and none is recorded
        // anew: only the migrations written since are applied.
        try await Self.withStore(at: path) { store in
            #expect(try await store.appliedMigrations() == (try Migration.bundled(for: .sqlite).map(\.name)))
            let times = try await store.engine.read { db in
                try await db.raw("SELECT name, applied_at FROM schema_migrations").all()
                    .map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "applied_at", as: String.self)) }
            }
            #expect(times.filter { Self.releasedNames.contains($0.0) }.allSatisfy { $0.1 == appliedAt })
            #expect(times.filter { !Self.releasedNames.contains($0.0) }.allSatisfy { $0.1 != appliedAt })
            let steps = try await store.engine.read { db in try await Migrator.recorded(.steps, in: db, .sqlite) }
            #expect(steps == ["voter_name_keys"])
        }
    }

    @Test func votersStoredBeforeTheyHadNameKeysGetThemOnce() async throws {
        let path = try Self.newDatabasePath()
        let beforeKeys = try Migration.bundled(for: .sqlite).prefix { $0.name < "008" }
        let voters = [
            (VoterNumber(serial: 1).value, "សុខ ដារ៉ា", "Sok Dara"),
            (VoterNumber(serial: 2).value, "ចាន់ សុភា", "Chan Sophea"),
        ]
        try await Self.withSQLite(at: path) { engine in
            try await Migrator(migrations: Array(beforeKeys), steps: []).apply(on: engine)
            try await engine.withTransaction { tx in
                try await tx.sql.raw("""
                    INSERT INTO constituencies VALUES ('01', 'Banteay Meanchey', 'បន្ទាយមានជ័យ', 'province', 6)
                    """).run()
                try await tx.sql.raw("""
                    INSERT INTO communes VALUES ('010201', '01', '0102', 'Mongkol Borei', 'Banteay Neang', 'បន្ទាយនាង',
                        'Commune', NULL, NULL)
                    """).run()
                try await tx.sql.raw("""
                    INSERT INTO polling_stations VALUES ('010201001', '010201', 'School', 'សាលា', '', '', 13.5, 102.9, 2)
                    """).run()
                for (number, khmer, latin) in voters {
                    try await tx.sql.raw("""
                        INSERT INTO voters VALUES (\(bind: number), '010201001', \(bind: khmer), \(bind: latin), 'M', '1990-01-01')
                        """).run()
                }
            }
        }

        try await Self.withStore(at: path) { store in
            let stored = try await Self.keys(in: store)
            #expect(stored.count == voters.count)
            for (number, khmer, latin) in voters {
                #expect(!NameKey.of(khmer).isEmpty && !LatinKey.of(khmer).isEmpty && !NameKey.of(latin).isEmpty)
                #expect(stored[number] == [NameKey.of(khmer), LatinKey.of(khmer), NameKey.of(latin)])
            }
            try await store.engine.withTransaction { tx in
                try await tx.sql.raw("UPDATE voters SET name_key = '' WHERE voter_number = \(bind: voters[0].0)").run()
            }
        }

        // Recorded, so not run again: the key blanked on purpose stays blank.
        let blanked = try await Self.withStore(at: path) { store in try await Self.keys(in: store)[voters[0].0]?.first }
        #expect(blanked == "")
    }

    /// Migration 029 widens the library's kinds; on SQLite that rebuilds both library tables, and
    /// what they held must come through whole, its references intact.
    @Test func theLibraryKeepsItsDocumentsWhenItsKindsWiden() async throws {
        let path = try Self.newDatabasePath()
        let before = try Migration.bundled(for: .sqlite).prefix { $0.name < "029" }
        try await Self.withSQLite(at: path) { engine in
            try await Migrator(migrations: Array(before), steps: []).apply(on: engine)
            try await engine.withTransaction { tx in
                try await tx.sql.raw("INSERT INTO library_documents VALUES ('old-notice', 'notice')").run()
                for number in [1, 2] {
                    try await tx.sql.raw("""
                        INSERT INTO library_versions VALUES ('old-notice', \(bind: number), 'Notice', 'សេចក្តីជូនដំណឹង', \(bind: "Text \(number)"),
                            'អត្ថបទ', '2023-06-01', '', '2023-06-01T03:00:00Z', NULL)
                        """).run()
                }
            }
        }
        try await Self.withStore(at: path) { store in
            let kept = try await store.document("old-notice")
            #expect(kept.kind == .notice && kept.versions.map(\.textEnglish) == ["Text 1", "Text 2"])
            let faq = try await store.publishDocument("faq-test", kind: .faq, LibraryStoreTests.version("An answer."), by: nil)
            #expect(faq.kind == .faq)
            let dangling = try await store.engine.read { db in try await db.raw("PRAGMA foreign_key_check").all() }
            #expect(dangling.isEmpty)
        }
    }

    /// A new file is built with SQLite's journal off and switched to WAL at the end; some schema
    /// changes (a table renamed, a temporary table) leave SQLite refusing that switch, so every
    /// migration must leave a bulk build able to finish.
    @Test func aBulkBuildMigratedAfreshCanFinish() async throws {
        let store = try await SQLElectionStore.openSQLite(path: try Self.newDatabasePath(), bulkBuild: true)
        try await Self.closing(store) { store in try await store.finishBuilding() }
    }

    @Test func aDatabaseWithAMigrationThisSalaDoesNotKnowIsRefused() async throws {
        let path = try Self.newDatabasePath()
        try await Self.withStore(at: path) { store in
            try await store.engine.withTransaction { tx in
                try await tx.sql.raw("INSERT INTO schema_migrations VALUES ('999_from_a_newer_sala', \(bind: ISO8601.now()))").run()
            }
        }
        await #expect(throws: StoreError.unknownMigrations(["999_from_a_newer_sala"])) {
            try await Self.withStore(at: path) { _ in }
        }
    }

    @Test func droppingAllTablesEmptiesALoadedDatabaseWhichThenMigratesAfresh() async throws {
        let store = try await TestDatabases.writableSQLite()
        try await Self.closing(store) { store in
            #expect(try await store.statistics().votersOnRegister == TestDatabases.testVoters)
            try await store.dropAllTables()
            let left = try await store.engine.read { db in
                try await db.raw("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite%'").all()
            }
            #expect(left.isEmpty)
            let migrations = try Migration.bundled(for: .sqlite)
            try await Migrator(migrations: migrations).apply(on: store.engine)
            #expect(try await store.appliedMigrations() == migrations.map(\.name))
            #expect(try await store.statistics().votersOnRegister == 0)
        }
    }

    /// A database that held accepted forms before provinces and communes had running totals gets
    /// totals that start from the forms' sums (037_unit_results fills them from the current forms).
    @Test func runningTotalsStartFromTheFormsAlreadyAccepted() async throws {
        let store = try await TestDatabases.writableSQLite()
        try await Self.closing(store) { store in
            let commune = try await ResultStoreTests.commune(0, store)
            let (a, b, p) = try await ResultStoreTests.officials(store, commune: commune)
            let forms = try await ResultStoreTests.forms(in: commune, store)
            try await store.acceptForms(forms.map { ($0.0.id, $0.1) }, enteredBy: [a, b], acknowledgedBy: p)
            func totals() async throws -> [ResultTotals] {
                try await store.resultTotals(level: .national, within: .nation)
                    + store.resultTotals(level: .province, within: .nation)
                    + store.resultTotals(level: .commune, within: .province(commune.province))
            }
            let kept = try await totals()
            #expect(kept.first?.stationsReported == forms.count)

            let migration = try #require(try Migration.bundled(for: .sqlite).first { $0.name == "037_unit_results" })
            try await store.engine.withTransaction { tx in
                try await tx.sql.raw("DELETE FROM unit_votes").run()
                try await tx.sql.raw("DELETE FROM unit_results").run()
                for statement in migration.statements where statement.contains("INSERT INTO unit_") {
                    try await tx.sql.raw(SQLQueryString(statement)).run()
                }
            }
            #expect(try await totals() == kept)
        }
    }

    // MARK: Helpers

    static func newDatabasePath() throws -> String {
        try TestDatabases.temporaryDirectory().appendingPathComponent("migrations.sqlite").path
    }

    /// Runs `body` with a bare SQLite engine on `path` (no migrations), closed however `body` ends.
    static func withSQLite<T: Sendable>(at path: String, _ body: (SQLiteEngine) async throws -> T) async throws -> T {
        let engine = try await SQLiteEngine.open(path: path)
        do {
            let result = try await body(engine)
            try await engine.close()
            return result
        } catch {
            try? await engine.close()
            throw error
        }
    }

    /// Runs `body` with the store on `path`, opened as Sala opens it and closed however `body` ends.
    static func withStore<T>(at path: String, _ body: (SQLElectionStore) async throws -> T) async throws -> T {
        try await closing(try await SQLElectionStore.openSQLite(path: path), body)
    }

    /// Runs `body` with `store`, then closes it however `body` ends.
    static func closing<T>(_ store: SQLElectionStore, _ body: (SQLElectionStore) async throws -> T) async throws -> T {
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Each voter's stored name keys: name_key, latin_key, latin_name_key.
    static func keys(in store: SQLElectionStore) async throws -> [Int: [String]] {
        try await store.engine.read { db in
            var keys: [Int: [String]] = [:]
            for row in try await db.raw("SELECT voter_number, name_key, latin_key, latin_name_key FROM voters").all() {
                keys[try row.decode(column: "voter_number", as: Int.self)] = try ["name_key", "latin_key", "latin_name_key"]
                    .map { try row.decode(column: $0, as: String.self) }
            }
            return keys
        }
    }

    /// Whether the statement is part of changing a CHECK, which makes no table, column or index:
    /// SQLite rebuilds the table (copied aside, dropped, made again and refilled), PostgreSQL drops
    /// the constraint and adds the new one. `rebuilt` are the tables the migration drops.
    static func changesOnlyAConstraint(_ words: [String], rebuilt: Set<String>) -> Bool {
        if words.starts(with: ["INSERT"]) || words.starts(with: ["DROP", "TABLE"]) || words.starts(with: ["CREATE", "TEMPORARY"]) { return true }
        if words.starts(with: ["CREATE", "TABLE"]), words.count > 2, rebuilt.contains(words[2]) { return true }
        return words.starts(with: ["ALTER", "TABLE"]) && words.count > 4 && ["DROP", "ADD"].contains(words[3]) && words[4] == "CONSTRAINT"
    }

    /// What a migration makes, in words both dialects share: each table with its columns, each
    /// column added, and each index whole (an index is written the same on both).
    static func objects(of migration: Migration) -> Set<String> {
        var objects: Set<String> = []
        let rebuilt = Set(migration.statements.compactMap { statement -> String? in
            let words = statement.split(whereSeparator: \.isWhitespace).map(String.init)
            return words.starts(with: ["DROP", "TABLE"]) && words.count > 2 ? words[2].trimmingCharacters(in: [";"]) : nil
        })
        for statement in migration.statements {
            let words = statement.split(whereSeparator: \.isWhitespace).map(String.init)
            if changesOnlyAConstraint(words, rebuilt: rebuilt) { continue }
            if words.starts(with: ["CREATE", "TABLE"]) {
                let columns = statement.split(separator: "\n").dropFirst().compactMap { line -> String? in
                    guard let first = line.split(whereSeparator: { $0.isWhitespace }).first.map(String.init),
                          !["PRIMARY", "UNIQUE", "CHECK", "FOREIGN", ")"].contains(where: first.hasPrefix) else { return nil }
                    return first
                }
                objects.insert("table \(words[2]) (\(columns.joined(separator: ", ")))")
            } else if words.starts(with: ["ALTER", "TABLE"]) {
                objects.insert(words.prefix(6).joined(separator: " "))
            } else if words.starts(with: ["CREATE", "TRIGGER"]), let on = words.firstIndex(of: "ON"), on + 1 < words.count {
                // SQLite has a trigger per operation, PostgreSQL one for several: the same table
                // must be watched for the same operations.
                for operation in words[..<on] where ["INSERT", "UPDATE", "DELETE"].contains(operation) {
                    objects.insert("trigger on \(words[on + 1]) after \(operation)")
                }
            } else if words.starts(with: ["CREATE", "OR", "REPLACE", "FUNCTION"]) || words.starts(with: ["CREATE", "FUNCTION"]) {
                continue  // PostgreSQL's trigger function; SQLite writes the body in each trigger
            } else {
                objects.insert(statement)
            }
        }
        return objects
    }
}
