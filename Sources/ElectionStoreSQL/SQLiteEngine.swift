import ElectionStore
import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// An SQLite file: one writer connection guarded by a lock, and a few read-only connections
/// that serve pages concurrently (WAL mode lets readers run beside the writer).
final class SQLiteEngine: SQLEngine {
    /// Whether transactions seal the audit chain (``setSealing(_:)``).
    private let sealing = Mutex(false)

    func setSealing(_ on: Bool) { sealing.withLock { $0 = on } }

    let dialect = SQLDialect.sqlite
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    /// The connection of snapshots (nil while a file is bulk-built).
    private let snapshotReader: SQLiteConnection?
    private let snapshotLock = AsyncLock()
    private let writeLock = AsyncLock()
    private let nextReader = Mutex(0)
    /// Set by ``close()``.
    private let closed = Mutex(false)

    /// Whether ``close()`` was called: no connection may be used any more.
    var isClosed: Bool { closed.withLock { $0 } }

    /// Opens (creating if need be) the file at `path`. The writer may cache 256 MiB of pages: a
    /// large import's index updates then stay in memory instead of spilling to the WAL and being
    /// read back (the pages are taken only as they are used). With `bulkBuild`, the file is being built
    /// from nothing and thrown away on failure, so it skips the journal and syncing until
    /// ``finishBulkBuild()``: the build is several times faster.
    static func open(path: String, readers readerCount: Int = 4, bulkBuild: Bool = false) async throws -> SQLiteEngine {
        let logger = Logger(label: "sala.sqlite")
        let writer = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: writerThreads, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
        let pragmas = bulkBuild
            ? ["PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA cache_size = \(writerCachePages)"]
            : ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA cache_size = \(writerCachePages)"]
        // The busy timeout first: switching to WAL takes a lock another connection may hold. A
        // write waits at most 3 s for another process's lock, then is answered "busy, try again"
        // (503) rather than keeping the people queued behind it waiting too.
        // Building an index sorts on two threads.
        for pragma in ["PRAGMA busy_timeout = \(writerBusyMilliseconds)"] + pragmas + ["PRAGMA foreign_keys = ON", "PRAGMA threads = 2"] {
            _ = try await writer.query(pragma)
        }
        var readers: [SQLiteConnection] = []
        for _ in 0..<(bulkBuild ? 0 : readerCount + 1) {
            let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            for pragma in ["PRAGMA query_only = ON", "PRAGMA busy_timeout = 10000"] {
                _ = try await reader.query(pragma)
            }
            readers.append(reader)
        }
        return SQLiteEngine(writer: writer, readers: Array(readers.dropLast()), snapshotReader: readers.last)
    }

    /// The writers' threads. Readers use the driver's shared pool, one thread a core: a write
    /// queued there behind a results report's long reads (and their commit's fsync holding a
    /// thread) waited hundreds of milliseconds on results night; here it waits only for writes.
    /// Started once for the process and never stopped, like the driver's own pool.
    static let writerThreads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()

    /// How long a write waits for a lock another process holds.
    static let writerBusyMilliseconds = 3_000
    /// The writer's page cache, as `PRAGMA cache_size` takes it (negative: KiB).
    static let writerCachePages = -262_144
    /// The page cache while an index is built: SQLite sorts in runs the size of the cache, and
    /// measured three times faster with small runs merged than with one large run (9.7 million
    /// voters: 14 s against 45 s).
    static let indexBuildCachePages = -2_000

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], snapshotReader: SQLiteConnection?) {
        self.writer = writer
        self.readers = readers
        self.snapshotReader = snapshotReader
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard !readers.isEmpty else {
            return try await writeLock.withLock { try await body(writer.sql()) }
        }
        let index = nextReader.withLock { next in
            defer { next = (next + 1) % readers.count }
            return next
        }
        return try await body(readers[index].sql())
    }

    func snapshot<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // A snapshot holds its connection for the whole transaction, so it gets one of its own
        // that plain reads do not share; snapshots take turns on it.
        guard let snapshotReader else {
            return try await writeLock.withLock { try await body(writer.sql()) }
        }
        return try await snapshotLock.withLock {
            _ = try await snapshotReader.query("BEGIN")
            do {
                let result = try await body(snapshotReader.sql())
                _ = try await snapshotReader.query("COMMIT")
                return result
            } catch {
                // In a task of its own: a caller that gave up (a replica read out of patience) is
                // cancelled, and its connection must not be left inside the transaction.
                _ = try? await Task { try await snapshotReader.query("ROLLBACK") }.value
                throw error
            }
        }
    }

    func withTransaction<T: Sendable>(_ body: @Sendable (any SQLTransaction) async throws -> T) async throws -> T {
        try await writeLock.withLock {
            do {
                _ = try await writer.query("BEGIN IMMEDIATE")
            } catch let error as SQLiteError where Self.isBusy(error) {
                throw StoreError.busy
            }
            do {
                let transaction = SQLiteTransaction(connection: writer)
                let result = try await body(transaction)
                if sealing.withLock({ $0 }) { try await AuditChain.seal(transaction) }
                _ = try await writer.query("COMMIT")
                return result
            } catch {
                _ = try? await Task { try await writer.query("ROLLBACK") }.value
                if let error = error as? SQLiteError, Self.isBusy(error) { throw StoreError.busy }
                throw error
            }
        }
    }

    /// Whether SQLite gave up waiting for a lock another process holds.
    static func isBusy(_ error: SQLiteError) -> Bool {
        switch error.reason {
        case .busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot: true
        default: false
        }
    }

    /// Turns a bulk-built file into a normal one: WAL journal and full sync.
    func finishBulkBuild() async throws {
        try await writeLock.withLock {
            for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA wal_checkpoint(TRUNCATE)"] {
                _ = try await writer.query(pragma)
            }
        }
    }

    func close() async throws {
        closed.withLock { $0 = true }
        for reader in readers { try await reader.close() }
        try await snapshotReader?.close()
        try await writer.close()
    }

    /// A store dropped without ``close()`` (a command or a test that failed on its way) still
    /// closes its connections, each on the driver's thread pool, which holds it until closed:
    /// SQLiteNIO stops a debug process on a connection left open.
    deinit {
        guard !closed.withLock({ $0 }) else { return }
        for connection in readers + [writer] + (snapshotReader.map { [$0] } ?? []) { _ = connection.close() }
    }
}

private struct SQLiteTransaction: SQLTransaction {
    let dialect = SQLDialect.sqlite
    let connection: SQLiteConnection
    var sql: any SQLDatabase { connection.sql() }

    /// SQLite accepts at most 32,766 bound values in one statement.
    private static let maximumBinds = 32_766

    func bulkInsert(into table: String, columns: [String], rows: [[BulkValue]]) async throws {
        try await insert(into: table, columns: columns, rows: rows, tail: "")
    }

    func bulkInsertNew(into table: String, columns: [String], rows: [[BulkValue]]) async throws -> Int {
        let before = try await totalChanges()
        try await insert(into: table, columns: columns, rows: rows, tail: " ON CONFLICT DO NOTHING")
        return try await totalChanges() - before
    }

    private func totalChanges() async throws -> Int {
        try await connection.query("SELECT total_changes()").first?.column("total_changes()")?.integer ?? 0
    }

    private func insert(into table: String, columns: [String], rows: [[BulkValue]], tail: String) async throws {
        guard !rows.isEmpty else { return }
        let rowsPerStatement = max(1, Self.maximumBinds / columns.count)
        let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        var fullStatement: String?
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + rowsPerStatement)
            let count = end - start
            let statement: String
            if count == rowsPerStatement, let full = fullStatement {
                statement = full
            } else {
                statement = head + Array(repeating: placeholders, count: count).joined(separator: ",") + tail
                if count == rowsPerStatement { fullStatement = statement }
            }
            var binds: [SQLiteData] = []
            binds.reserveCapacity(count * columns.count)
            for row in rows[start..<end] {
                for value in row {
                    switch value {
                    case .text(let s): binds.append(.text(s))
                    case .integer(let i): binds.append(.integer(i))
                    case .real(let d): binds.append(.float(d))
                    case .null: binds.append(.null)
                    }
                }
            }
            _ = try await connection.query(statement, binds)
            start = end
        }
    }
}
