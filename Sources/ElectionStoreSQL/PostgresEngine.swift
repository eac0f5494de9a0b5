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
    private let connections: Connections
    private let logger = Logger(label: "sala.postgres")

    /// Connects to the server named by a `postgres://user:password@host:port/database` URL. With
    /// `?schema=NAME`, Sala's tables live in that schema (made if missing) rather than the
    /// connection's default one, so that one database can hold several Sala databases.
    /// Several hosts (`HOST1:PORT1,HOST2:PORT2`, as pg_auto_failover writes them) or
    /// `target_session_attrs=read-write` connect through a ``FailoverPool``.
    /// `readOnly` is for a replica: every transaction is read-only (`default_transaction_read_only`),
    /// and the schema is never made.
    static func connect(url: String, readOnly: Bool = false) async throws -> PostgresEngine {
        let servers = try PostgresServers(url: url)
        if servers.urls.count > 1 || servers.readWrite {
            return try await connectFailover(servers, url: url, readOnly: readOnly)
        }
        let (plain, schema) = try Self.schema(of: servers.urls[0])
        let configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: plain)
        } catch {
            throw StoreConfigurationError.invalidPostgresURL(url)
        }
        var core = configuration.coreConfiguration
        let parameters = (schema.map { [("search_path", $0)] } ?? []) + (readOnly ? [("default_transaction_read_only", "on")] : [])
        core.options.additionalStartupParameters = parameters
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
        clientConfiguration.options.additionalStartupParameters = parameters
        // Fail now, with the server's reason (the pool would only say that connecting kept failing).
        do {
            let probe = try await PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: core, id: 0,
                logger: Logger(label: "sala.postgres")
            ).get()
            if let schema, !readOnly {
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
        let client = PostgresClient(configuration: clientConfiguration)
        return PostgresEngine(connections: .pool(client, runner: Task { await client.run() }))
    }

    /// The URL without its `schema` query item, and that schema: lower-case letters, digits and
    /// underscores, a letter first.
    static func schema(of url: String) throws -> (url: String, schema: String?) {
        guard let items = PostgresServers.queryItems(of: url),
              let item = items.first(where: { $0.name == "schema" }) else { return (url, nil) }
        guard let schema = item.value, let first = schema.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
              schema.utf8.count <= 63,
              schema.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") })
        else { throw StoreConfigurationError.invalidPostgresURL(url) }
        return (PostgresServers.url(url, queryItems: items.filter { $0.name != "schema" }) ?? url, schema)
    }

    /// `url` with its schema set to `schema`.
    static func url(_ url: String, schema: String) throws -> String {
        let plain = try Self.schema(of: url).url
        guard let items = PostgresServers.queryItems(of: plain),
              let withSchema = PostgresServers.url(plain, queryItems: items + [URLQueryItem(name: "schema", value: schema)])
        else { throw StoreConfigurationError.invalidPostgresURL(url) }
        return withSchema
    }

    init(connections: Connections) {
        self.connections = connections
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await Self.explained {
            try await connections.withConnection { connection in
                try await body(OpenConnectionSQL(connection))
            }
        }
    }

    func snapshot<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await Self.explained { try await connections.withConnection { connection in
            let db = OpenConnectionSQL(connection)
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
        return try await Self.explained { try await connections.withConnection { connection in
            let db = OpenConnectionSQL(connection)
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
            // The server is gone or takes no writes now (a failover): the caller may try again soon.
            if isUnavailable(error) { throw StoreError.unavailable }
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            throw StoreError.refused(message)
        }
    }

    func close() async throws {
        await connections.close()
    }
}

private struct PostgresTransaction: SQLTransaction {
    let dialect = SQLDialect.postgres
    let connection: PostgresConnection
    let logger: Logger
    var sql: any SQLDatabase { OpenConnectionSQL(connection) }

    /// Batches smaller than this go in as INSERT statements; larger ones (loads and imports) by COPY.
    /// PostgresNIO's COPY is fragile when the server goes away in the middle of it: it may wait for
    /// ever or stop the process (a precondition in its state machine), found by racing connections
    /// closed by the server against COPYs (FailoverTests). Every audited write and every result form
    /// writes a few rows, so entry during a failover never meets it; a load does, and is run again.
    static let copyFromRows = 5_000

    func bulkInsertNew(into table: String, columns: [String], rows: [[BulkValue]]) async throws -> Int {
        guard !rows.isEmpty else { return 0 }
        guard rows.count >= Self.copyFromRows else {
            return try await insert(into: table, columns: columns, rows: rows, skippingTakenKeys: true)
        }
        // Most batches are all new: COPY them straight in (the server takes about two thirds of
        // the time of going through the scratch table). A savepoint takes back a COPY that met a
        // taken key, and the batch goes the slow way.
        try await sql.raw("SAVEPOINT bulk_insert_new").run()
        do {
            try await copy(into: table, columns: columns, rows: rows)
            try await sql.raw("RELEASE SAVEPOINT bulk_insert_new").run()
            return rows.count
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            try await sql.raw("ROLLBACK TO SAVEPOINT bulk_insert_new").run()
        }
        // COPY cannot skip a row: copy into a scratch table, then insert what is new from it.
        let scratch = "incoming_\(table)"
        try await sql.raw("""
            CREATE TEMPORARY TABLE IF NOT EXISTS \(unsafeRaw: scratch) (LIKE \(unsafeRaw: table)) ON COMMIT DELETE ROWS
            """).run()
        try await copy(into: scratch, columns: columns, rows: rows)
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
        if rows.count < Self.copyFromRows {
            _ = try await insert(into: table, columns: columns, rows: rows, skippingTakenKeys: false)
        } else {
            try await copy(into: table, columns: columns, rows: rows)
        }
    }

    /// One INSERT of the rows, sent as JSON that the server reads into the table's row type as COPY's
    /// text is read (each value by its column's type); the number of rows inserted.
    private func insert(into table: String, columns: [String], rows: [[BulkValue]], skippingTakenKeys: Bool) async throws -> Int {
        let json = JSONRecords.text(columns: columns, rows: rows)
        let list = columns.joined(separator: ", ")
        let row = try await sql.raw("""
            WITH added AS (INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: list))
                           SELECT \(unsafeRaw: list) FROM json_populate_recordset(NULL::\(unsafeRaw: table), CAST(\(bind: json) AS json))
                           \(unsafeRaw: skippingTakenKeys ? "ON CONFLICT DO NOTHING " : "")RETURNING 1)
            SELECT COUNT(*) AS n FROM added
            """).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    private func copy(into table: String, columns: [String], rows: [[BulkValue]]) async throws {
        guard !connection.isClosed else { throw StoreError.unavailable }
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for row in rows {
                for (index, value) in row.enumerated() {
                    if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                    if let text = value.asText {
                        Self.writeEscaped(text, to: &buffer)
                    } else {
                        buffer.writeString("\\N")
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
