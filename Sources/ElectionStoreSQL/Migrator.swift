import ElectionStore
import Foundation
import SQLKit

/// One named, ordered change to the schema: the plain SQL of `Migrations/<dialect>/<name>.sql`.
/// A migration is never edited once released, only followed by a new one; it never calls Sala's
/// code, so what it does cannot change when that code changes.
struct Migration: Sendable, Equatable {
    let name: String
    let statements: [String]

    /// The migrations bundled with Sala for `dialect`, oldest first: the order of their names.
    static func bundled(for dialect: SQLDialect) throws -> [Migration] {
        let directory = Bundle.module.resourceURL?
            .appendingPathComponent("Migrations").appendingPathComponent(dialect.rawValue)
        guard let directory,
              let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter({ $0.pathExtension == "sql" }),
              !files.isEmpty
        else { throw StoreConfigurationError.migrationsMissing(directory?.path ?? "Migrations/\(dialect.rawValue)") }
        return try files.sorted { $0.lastPathComponent < $1.lastPathComponent }.map {
            Migration(name: $0.deletingPathExtension().lastPathComponent,
                      statements: SQLScript.statements(in: try String(contentsOf: $0, encoding: .utf8)))
        }
    }
}

/// Brings a database up to date: applies the migrations it lacks, oldest first, each in its own
/// transaction and recorded in `schema_migrations`; then runs the data steps it has not had, each
/// recorded in `data_steps`. A database that is up to date is only read, so many processes may open
/// it at once.
struct Migrator: Sendable {
    let migrations: [Migration]
    let steps: [DataStep]

    init(migrations: [Migration], steps: [DataStep] = DataStep.all) {
        self.migrations = migrations
        self.steps = steps
    }

    /// The PostgreSQL advisory lock migrating processes take turns with ("sala" in ASCII).
    static let lockKey = 0x73616C61

    /// The tables where the migrator records what it did.
    enum Ledger: String {
        case migrations = "schema_migrations"
        case steps = "data_steps"
    }

    /// Applies what `engine`'s database lacks; refuses a database with migrations this Sala does not know.
    func apply(on engine: any SQLEngine) async throws {
        let dialect = engine.dialect
        let (applied, stepsDone) = try await engine.read { db in
            (try await Self.recorded(.migrations, in: db, dialect), try await Self.recorded(.steps, in: db, dialect))
        }
        let known = Set(migrations.map(\.name))
        let unknown = applied.filter { !known.contains($0) }
        guard unknown.isEmpty else { throw StoreError.unknownMigrations(unknown) }
        let missing = migrations.filter { !applied.contains($0.name) }
        let pending = steps.filter { !stepsDone.contains($0.name) }
        guard !missing.isEmpty || !pending.isEmpty else { return }

        try await engine.withTransaction { tx in
            try await Self.takeTurn(tx)
            for ledger in [Ledger.migrations, .steps] {
                try await tx.sql.raw("""
                    CREATE TABLE IF NOT EXISTS \(unsafeRaw: ledger.rawValue) (
                        name TEXT PRIMARY KEY,
                        applied_at TEXT NOT NULL
                    )\(unsafeRaw: dialect == .sqlite ? " STRICT" : "")
                    """).run()
            }
        }
        for migration in missing {
            try await Self.once(migration.name, in: .migrations, on: engine) { tx in
                for statement in migration.statements {
                    try await tx.sql.raw("\(unsafeRaw: statement)").run()
                }
            }
        }
        for step in pending {
            try await Self.once(step.name, in: .steps, on: engine, step.run)
        }
    }

    /// Runs `body` and records `name` in one transaction, unless `name` is recorded already.
    private static func once(
        _ name: String, in ledger: Ledger, on engine: any SQLEngine,
        _ body: @escaping @Sendable (any SQLTransaction) async throws -> Void
    ) async throws {
        try await engine.withTransaction { tx in
            // Another process may be doing it, or have done it since we looked: on PostgreSQL wait
            // for it (SQLite has one writer at a time already), then look again.
            try await takeTurn(tx)
            let done = try await tx.sql.raw(
                "SELECT name FROM \(unsafeRaw: ledger.rawValue) WHERE name = \(bind: name)").first()
            guard done == nil else { return }
            try await body(tx)
            try await tx.sql.raw(
                "INSERT INTO \(unsafeRaw: ledger.rawValue) (name, applied_at) VALUES (\(bind: name), \(bind: ISO8601.now()))"
            ).run()
        }
    }

    private static func takeTurn(_ tx: any SQLTransaction) async throws {
        if tx.dialect == .postgres { try await tx.sql.raw("SELECT pg_advisory_xact_lock(\(bind: lockKey))").run() }
    }

    /// The names in `ledger`, in the order of the names; none when the database has no such table yet.
    static func recorded(_ ledger: Ledger, in db: any SQLDatabase, _ dialect: SQLDialect) async throws -> [String] {
        let exists: SQLQueryString = dialect == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = \(bind: ledger.rawValue)"
            : "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename = \(bind: ledger.rawValue)"
        guard try await db.raw(exists).first() != nil else { return [] }
        return try await db.raw("SELECT name FROM \(unsafeRaw: ledger.rawValue) ORDER BY name").all()
            .map { try $0.decode(column: "name", as: String.self) }
    }
}
