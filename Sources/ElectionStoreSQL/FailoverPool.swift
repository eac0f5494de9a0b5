import ElectionStore
import Logging
import PostgresNIO

/// Connections to one of several PostgreSQL servers (a primary and its standbys under
/// pg_auto_failover): each new connection goes to the server that accepts writes now, so that when
/// the primary is lost and a standby promoted, connections made afterwards reach the new primary.
///
/// PostgresNIO's `PostgresClient` pools connections to one fixed host, and while that host is down
/// its requests wait for up to a minute before failing; this pool tries the servers in turn on
/// every connection it makes and fails at once when none accepts writes, so the caller can say
/// "try again" within seconds.
actor FailoverPool {
    /// The servers, in the URL's order, each with its user, database and options.
    private let servers: [PostgresConnection.Configuration]
    /// Whether a connection must accept writes (`target_session_attrs=read-write`).
    private let readWrite: Bool
    private let maximum: Int
    private let logger = Logger(label: "sala.postgres")

    private var idle: [(connection: PostgresConnection, generation: Int)] = []
    /// Connections made or being made, idle or lent.
    private var open = 0
    /// Callers waiting for a connection: given one that was returned, or nil to make one themselves.
    private var waiting: [CheckedContinuation<(PostgresConnection, Int)?, Never>] = []
    /// Raised when a server is lost: connections made before are closed rather than lent again.
    private var generation = 0
    /// The server tried first: the one that last accepted a connection.
    private var preferred = 0
    /// Since when no server could be connected to (for the log), nil while one can.
    private var failingSince: ContinuousClock.Instant?
    /// Why each server was passed over the last time none would do.
    private(set) var problems: [String] = []
    private var nextID = 1
    private var closed = false

    init(servers: [PostgresConnection.Configuration], readWrite: Bool, maximum: Int = 20) {
        self.servers = servers
        self.readWrite = readWrite
        self.maximum = maximum
    }

    /// Runs `body` on a connection to the server that accepts writes (or to any, see ``readWrite``).
    nonisolated func withConnection<Result>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        let (connection, generation) = try await lease()
        do {
            let result = try await body(connection)
            await giveBack(connection, generation, lost: false)
            return result
        } catch {
            await giveBack(connection, generation, lost: PostgresEngine.isUnavailable(error))
            throw error
        }
    }

    func close() async {
        closed = true
        let connections = idle.map(\.connection)
        idle = []
        open -= connections.count
        for waiter in waiting { waiter.resume(returning: nil) }
        waiting = []
        for connection in connections { try? await connection.close() }
    }

    private func lease() async throws -> (PostgresConnection, Int) {
        while let (connection, made) = idle.popLast() {
            if made == generation, !connection.isClosed { return (connection, made) }
            open -= 1
            Task { try? await connection.close() }
        }
        guard !closed else { throw StoreError.unavailable }
        if open < maximum {
            open += 1
        } else if let returned = await withCheckedContinuation({ waiting.append($0) }) {
            return returned
        }
        guard !closed else {
            open -= 1
            throw StoreError.unavailable
        }
        // A place of the `maximum` is this caller's now (counted above, or handed over by giveBack).
        do {
            return (try await connect(), generation)
        } catch {
            freePlace()
            throw error
        }
    }

    private func giveBack(_ connection: PostgresConnection, _ made: Int, lost: Bool) {
        if lost { generation = max(generation, made + 1) }
        guard !closed, made == generation, !connection.isClosed else {
            Task { try? await connection.close() }
            freePlace()
            return
        }
        if waiting.isEmpty {
            idle.append((connection, made))
        } else {
            waiting.removeFirst().resume(returning: (connection, made))
        }
    }

    /// A connection's place is free: a waiting caller takes it to make one, or there is one fewer.
    private func freePlace() {
        if !closed, !waiting.isEmpty {
            waiting.removeFirst().resume(returning: nil)
        } else {
            open -= 1
        }
    }

    /// A new connection: to the preferred server if it accepts writes, else to the next one that does.
    private func connect() async throws -> PostgresConnection {
        var problems: [String] = []
        for step in 0..<servers.count {
            let index = (preferred + step) % servers.count
            let server = servers[index]
            let name = "\(server.host ?? "?"):\(server.port ?? 5432)"
            let id = nextID
            nextID += 1
            let connection: PostgresConnection
            do {
                connection = try await PostgresConnection.connect(configuration: server, id: id, logger: logger)
            } catch {
                problems.append("\(name): \(Self.reason(error))")
                continue
            }
            if readWrite {
                do {
                    // What libpq asks for target_session_attrs=read-write; a standby, and a standby
                    // being promoted that pg_auto_failover keeps read-only until the old primary is
                    // demoted, say "on".
                    let answer = try await OpenConnectionSQL(connection).raw("SHOW transaction_read_only").first()
                    let readOnly = try answer?.decode(column: "transaction_read_only", as: String.self) != "off"
                    guard !readOnly else {
                        problems.append("\(name): read-only")
                        try? await connection.close()
                        continue
                    }
                } catch {
                    problems.append("\(name): \(Self.reason(error))")
                    try? await connection.close()
                    continue
                }
            }
            if let since = failingSince {
                logger.notice("PostgreSQL: connected to \(name) after \(ContinuousClock.now - since) without a server")
                failingSince = nil
            } else if index != preferred {
                logger.notice("PostgreSQL: connections go to \(name) now")
            }
            preferred = index
            return connection
        }
        self.problems = problems
        if failingSince == nil {
            failingSince = .now
            logger.warning("PostgreSQL: no server \(readWrite ? "accepts writes" : "answers"): \(problems.joined(separator: "; "))")
        }
        throw StoreError.unavailable
    }

    /// The server's message, or what kept the connection from being made.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        return error.serverInfo?[.message] ?? error.underlying.map { "\($0)" } ?? "\(error.code)"
    }
}
