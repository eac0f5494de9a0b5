import ElectionStore
import Logging
import PostgresKit
import PostgresNIO

extension PostgresEngine {
    /// Where the engine's connections come from.
    enum Connections: Sendable {
        /// PostgresNIO's pool, to one server; `runner` runs it.
        case pool(PostgresClient, runner: Task<Void, Never>)
        /// Sala's own pool, to whichever of several servers accepts writes (``FailoverPool``).
        case failover(FailoverPool)

        func withConnection<Result>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
            switch self {
            case .pool(let client, _): try await client.withConnection(body)
            case .failover(let pool): try await pool.withConnection(body)
            }
        }

        func close() async {
            switch self {
            case .pool(_, let runner):
                runner.cancel()
                _ = await runner.value
            case .failover(let pool):
                await pool.close()
            }
        }
    }

    /// Connects through a ``FailoverPool`` to the servers `servers` names (the URL `url`): the first
    /// connection is made now, so that a URL none of whose servers will do fails with each one's reason.
    static func connectFailover(_ servers: PostgresServers, url: String, readOnly: Bool) async throws -> PostgresEngine {
        let (configurations, schema) = try Self.configurations(servers, url: url, readOnly: readOnly)
        let pool = FailoverPool(servers: configurations, readWrite: servers.readWrite && !readOnly)
        do {
            try await pool.withConnection { connection in
                if let schema, !readOnly {
                    try await connection.sql().raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
                }
            }
        } catch {
            let problems = await pool.problems
            await pool.close()
            throw StoreConfigurationError.postgresUnreachable(
                problems.isEmpty ? FailoverPool.reason(error) : problems.joined(separator: "; "))
        }
        return PostgresEngine(connections: .failover(pool))
    }

    /// How to connect to each of `servers` (from the URL `url`), and the schema the URL names.
    static func configurations(
        _ servers: PostgresServers, url: String, readOnly: Bool
    ) throws -> ([PostgresConnection.Configuration], schema: String?) {
        var configurations: [PostgresConnection.Configuration] = []
        var schema: String?
        for server in servers.urls {
            let plain: String
            (plain, schema) = try Self.schema(of: server)
            guard var core = try? SQLPostgresConfiguration(url: plain).coreConfiguration, core.host != nil else {
                throw StoreConfigurationError.invalidPostgresURL(url)
            }
            core.options.additionalStartupParameters =
                (schema.map { [("search_path", $0)] } ?? []) + (readOnly ? [("default_transaction_read_only", "on")] : [])
            // A lost server should cost a request seconds, not PostgresNIO's ten.
            core.options.connectTimeout = .seconds(3)
            configurations.append(core)
        }
        return (configurations, schema)
    }

    /// Whether `error` means that the server is gone or no longer takes writes (a primary lost and
    /// its standby being promoted): the request may succeed if sent again in a few seconds.
    static func isUnavailable(_ error: any Error) -> Bool {
        if let error = error as? StoreError { return error == .unavailable }
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed:
            return true
        case .server:
            // 25006: read-only (a standby, or a standby being promoted); 57P01-57P03: the server is
            // shutting down, crashed, or starting; 08: the connection failed.
            let state = error.serverInfo?[.sqlState] ?? ""
            return state == "25006" || state.hasPrefix("57P") || state.hasPrefix("08")
        default:
            return false
        }
    }
}
