import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore {
    /// Builds a new Sala database beside the PostgreSQL one `url` names, in a schema of its own,
    /// fills it with `fill`, then puts it in the old one's place in one transaction: the old
    /// tables are dropped and the new ones move into their schema. Until that transaction commits
    /// the old database is untouched, and a failure drops the new schema; readers see the old
    /// database or the new one, never a mix.
    public static func rebuildPostgres<T>(url: String, _ fill: (SQLElectionStore) async throws -> T) async throws -> T {
        let old = try await PostgresEngine.connect(url: url)
        do {
            let current = try await old.read { db in
                try await db.raw("SELECT current_schema() AS name").first().flatMap { try $0.decode(column: "name", as: String?.self) }
            }
            guard let current else { throw StoreError.refused("the connection has no schema to keep Sala's tables in") }
            let next = String(current.prefix(55)) + "_rebuild"
            try await old.withTransaction { tx in
                try await tx.sql.raw("DROP SCHEMA IF EXISTS \(ident: next) CASCADE").run()
            }
            let value: T
            do {
                let new = try await connectPostgres(url: try PostgresEngine.url(url, schema: next))
                do {
                    value = try await fill(new)
                    try await new.close()
                } catch {
                    try? await new.close()
                    throw error
                }
                try await old.withTransaction { tx in
                    func tables(_ schema: String) async throws -> [String] {
                        try await tx.sql.raw("SELECT tablename AS name FROM pg_tables WHERE schemaname = \(bind: schema) ORDER BY tablename")
                            .all().map { try $0.decode(column: "name", as: String.self) }
                    }
                    let gone = try await tables(current)
                    if !gone.isEmpty {
                        try await tx.sql.raw("DROP TABLE \(SQLList(gone.map { SQLQualifiedTable($0, space: current) })) CASCADE").run()
                    }
                    for table in try await tables(next) {
                        try await tx.sql.raw("ALTER TABLE \(ident: next).\(ident: table) SET SCHEMA \(ident: current)").run()
                    }
                    // The new tables' triggers call the new schema's functions (the audit chain's
                    // audit_row(), without arguments): they take the old ones' place too.
                    let functions = try await tx.sql.raw("""
                        SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = \(bind: next)
                        """).all().map { try $0.decode(column: "name", as: String.self) }
                    for function in functions {
                        try await tx.sql.raw("DROP FUNCTION IF EXISTS \(ident: current).\(ident: function)()").run()
                        try await tx.sql.raw("ALTER FUNCTION \(ident: next).\(ident: function)() SET SCHEMA \(ident: current)").run()
                    }
                    try await tx.sql.raw("DROP SCHEMA \(ident: next)").run()
                }
            } catch {
                try? await old.withTransaction { tx in try await tx.sql.raw("DROP SCHEMA IF EXISTS \(ident: next) CASCADE").run() }
                throw error
            }
            try await old.close()
            return value
        } catch {
            try? await old.close()
            throw error
        }
    }
}
