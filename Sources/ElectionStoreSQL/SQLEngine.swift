import ElectionStore
import SQLKit

/// A value in a row handed to a bulk load.
enum BulkValue: Sendable {
    case text(String)
    case integer(Int)
    case real(Double)
    case null

    /// Text, or NULL when there is none.
    static func optional(_ text: String?) -> BulkValue { text.map(BulkValue.text) ?? .null }

    /// A yes or no as 1 or 0, or NULL when not recorded.
    static func flag(_ value: Bool?) -> BulkValue { value.map { .integer($0 ? 1 : 0) } ?? .null }

    /// The value as PostgreSQL reads it from text (COPY's, or JSON's), by its column's type; nil for NULL.
    var asText: String? {
        switch self {
        case .text(let s): s
        case .integer(let i): String(i)
        case .real(let d): String(d)
        case .null: nil
        }
    }
}

/// The database a store method works in, inside a transaction.
protocol SQLTransaction: Sendable {
    var dialect: SQLDialect { get }
    var sql: any SQLDatabase { get }
    /// Appends rows to `table` through the engine's fast path (multi-row INSERT on SQLite, COPY on PostgreSQL).
    func bulkInsert(into table: String, columns: [String], rows: [[BulkValue]]) async throws
    /// Like ``bulkInsert(into:columns:rows:)``, but a row whose key is taken already is left out
    /// rather than failing the statement; returns how many rows were added.
    func bulkInsertNew(into table: String, columns: [String], rows: [[BulkValue]]) async throws -> Int
}

/// Where the store's SQL runs: an SQLite file or a PostgreSQL server. Reads may run concurrently;
/// transactions run one at a time.
protocol SQLEngine: Sendable {
    var dialect: SQLDialect { get }
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in one read-only transaction on one connection: every query it makes sees the
    /// database as committed at one moment.
    func snapshot<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func withTransaction<T: Sendable>(_ body: @Sendable (any SQLTransaction) async throws -> T) async throws -> T
    func close() async throws
    /// Whether every transaction seals the audit chain before it commits: on once the schema has the
    /// chain's tables (not while migrations run), off while every table is dropped.
    func setSealing(_ on: Bool)
}

/// One connection inside a read transaction, as an engine: every read goes to it, so a store made
/// over it reads one snapshot. Writes are refused.
struct SnapshotEngine: SQLEngine {
    let dialect: SQLDialect
    let db: any SQLDatabase

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T { try await body(db) }

    func snapshot<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T { try await body(db) }

    func withTransaction<T: Sendable>(_ body: @Sendable (any SQLTransaction) async throws -> T) async throws -> T {
        throw StoreError.refused("a snapshot is read-only")
    }

    func close() async throws {}

    func setSealing(_ on: Bool) {}
}
