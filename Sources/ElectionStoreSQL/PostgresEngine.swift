import Foundation
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import ElectionStore
import SQLKit
import Synchronization

/// A PostgreSQL server reached through PostgresNIO's connection pool.
final class PostgresEngine: SQLEngine {
    /// Whether transactions seal the audit chain (``setSealing(_:)``).
    private let sealing = Mutex(false)

    func setSealing(_ on: Bool) { sealing.withLock { $0 = on } }

    let dialect = SQLDialect.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger = Logger(label: "sala.postgres")

    /// Connects to the server named by a `postgres://user:password@host:port/database` URL. With
    /// `?schema=NAME`, Sala's tables live in that schema (made if missing) rather than the
    /// connection's default one, so that one database can hold several Sala databases.
    static func connect(url: String) async throws -> PostgresEngine {
        let (plain, schema) = try Self.schema(of: url)
        let configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: plain)
        } catch {
            throw StoreConfigurationError.invalidPostgresURL(url)
        }
        var core = configuration.coreConfiguration
        if let schema { core.options.additionalStartupParameters = [("search_path", schema)] }
        var clientConfiguration: PostgresClient.Configuration
        if let host = core.host, let port = core.port {
            clientConfiguration = .init(
                host: host, port: port, username: core.username, password: core.password,
                database: core.database, tls: .disable)
        } else if let socket = core.unixSocketPath {
            clientConfiguration = .init(
                unixSocketPath: socket, username: core.username, password: core.password, database: core.database)
        } else {
            throw StoreConfigurationError.invalidPostgresURL(url)
        }
        if let schema { clientConfiguration.options.additionalStartupParameters = [("search_path", schema)] }
        // Fail now, with the server's reason (the pool would only say that connecting kept failing).
        do {
            let probe = try await PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: core, id: 0,
                logger: Logger(label: "sala.postgres")
            ).get()
            if let schema {
                do {
                    try await probe.sql().raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
                } catch {
                    try? await probe.close()
                    throw error
                }
            }
            try await probe.close()
        } catch let error as PSQLError {
            let reason = error.serverInfo?[.message] ?? error.underlying.map { "\($0)" } ?? "\(error.code)"
            throw StoreConfigurationError.postgresUnreachable(reason)
        } catch {
            throw StoreConfigurationError.postgresUnreachable("\(error)")
        }
        return PostgresEngine(client: PostgresClient(configuration: clientConfiguration))
    }

    /// The URL without its `schema` query item, and that schema: lower-case letters, digits and
    /// underscores, a letter first.
    static func schema(of url: String) throws -> (url: String, schema: String?) {
        guard var components = URLComponents(string: url), let items = components.queryItems,
              let item = items.first(where: { $0.name == "schema" }) else { return (url, nil) }
        guard let schema = item.value, let first = schema.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
              schema.utf8.count <= 63,
              schema.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") })
        else { throw StoreConfigurationError.invalidPostgresURL(url) }
        let rest = items.filter { $0.name != "schema" }
        components.queryItems = rest.isEmpty ? nil : rest
        return (components.string ?? url, schema)
    }

    /// `url` with its schema set to `schema`.
    static func url(_ url: String, schema: String) throws -> String {
        guard var components = URLComponents(string: try Self.schema(of: url).url) else { throw StoreConfigurationError.invalidPostgresURL(url) }
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "schema", value: schema)]
        return components.string ?? url
    }

    private init(client: PostgresClient) {
        self.client = client
        self.runner = Task { await client.run() }
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await Self.explained {
            try await client.withConnection { connection in
                try await body(connection.sql())
            }
        }
    }

    func snapshot<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await Self.explained { try await client.withConnection { connection in
            let db = connection.sql()
            // Repeatable read: every statement of the transaction sees the snapshot of its first.
            try await db.raw("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        } }
    }

    func withTransaction<T: Sendable>(_ body: @Sendable (any SQLTransaction) async throws -> T) async throws -> T {
        let logger = self.logger
        return try await Self.explained { try await client.withConnection { connection in
            let db = connection.sql()
            try await db.raw("BEGIN").run()
            do {
                let transaction = PostgresTransaction(connection: connection, logger: logger)
                let result = try await body(transaction)
                if sealing.withLock({ $0 }) { try await AuditChain.seal(transaction) }
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        } }
    }

    /// PostgresNIO hides the server's message (it may quote data); the store says what the server
    /// refused, in its own words, without the query's values.
    private static func explained<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            throw StoreError.refused(message)
        }
    }

    func close() async throws {
        runner.cancel()
        _ = await runner.value
    }
}

private struct PostgresTransaction: SQLTransaction {
    let dialect = SQLDialect.postgres
    let connection: PostgresConnection
    let logger: Logger
    var sql: any SQLDatabase { connection.sql() }

    func bulkInsertNew(into table: String, columns: [String], rows: [[BulkValue]]) async throws -> Int {
        guard !rows.isEmpty else { return 0 }
        // COPY cannot skip a row: copy into a scratch table, then insert what is new from it.
        let scratch = "incoming_\(table)"
        try await sql.raw("""
            CREATE TEMPORARY TABLE IF NOT EXISTS \(unsafeRaw: scratch) (LIKE \(unsafeRaw: table)) ON COMMIT DELETE ROWS
            """).run()
        try await bulkInsert(into: scratch, columns: columns, rows: rows)
        let list = columns.joined(separator: ", ")
        let row = try await sql.raw("""
            WITH added AS (INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: list)) SELECT \(unsafeRaw: list) FROM \(unsafeRaw: scratch)
                           ON CONFLICT DO NOTHING RETURNING 1)
            SELECT COUNT(*) AS n FROM added
            """).first()
        try await sql.raw("DELETE FROM \(unsafeRaw: scratch)").run()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    func bulkInsert(into table: String, columns: [String], rows: [[BulkValue]]) async throws {
        guard !rows.isEmpty else { return }
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for row in rows {
                for (index, value) in row.enumerated() {
                    if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                    switch value {
                    case .text(let s): Self.writeEscaped(s, to: &buffer)
                    case .integer(let i): buffer.writeString(String(i))
                    case .real(let d): buffer.writeString(String(d))
                    case .null: buffer.writeString("\\N")
                    }
                }
                buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes >= 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    /// COPY's text format: backslash, tab, newline and carriage return are escaped.
    private static func writeEscaped(_ text: String, to buffer: inout ByteBuffer) {
        // Almost no value needs escaping: write those whole.
        let needsEscaping = text.utf8.contains { $0 == UInt8(ascii: "\\") || $0 < 0x20 }
        guard needsEscaping else {
            buffer.writeString(text)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeString("\\t")
            case UInt8(ascii: "\n"): buffer.writeString("\\n")
            case UInt8(ascii: "\r"): buffer.writeString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
