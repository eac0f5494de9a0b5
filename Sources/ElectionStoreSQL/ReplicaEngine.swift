import ElectionStore
import Logging
import SQLKit
import Synchronization

/// The engine of a store whose reads go to PostgreSQL replicas (streaming standbys of the primary),
/// each read to the next replica in turn. A replica that fails a read, or takes longer than
/// `patience` over it, is rested for a while and that read is answered by the primary, as is every
/// read while all replicas rest: a replica going away costs speed, never an answer. Transactions go
/// to the primary.
///
/// A replica lags behind the primary (by milliseconds when all is well): only reads that need not
/// see a write just made may come through this engine.
final class ReplicaEngine: SQLEngine {
    /// A replica, named for the log by its host and port (never its password).
    struct Replica: Sendable {
        let engine: any SQLEngine
        let name: String
    }

    let dialect: SQLDialect
    private let replicas: [Replica]
    private let primary: any SQLEngine
    private let restAfterFailure: Duration
    /// How long a replica may take over one read. PostgresNIO's pool keeps a read waiting for up to a
    /// minute while its server is down; the primary answers long before that.
    private let patience: Duration
    private let logger = Logger(label: "sala.replicas")
    /// The replica the next read goes to, and until when each failed one rests.
    private let state: Mutex<(next: Int, restingUntil: [ContinuousClock.Instant?])>

    init(replicas: [Replica], primary: any SQLEngine, restAfterFailure: Duration = .seconds(15), patience: Duration = .seconds(3)) {
        self.dialect = primary.dialect
        self.replicas = replicas
        self.primary = primary
        self.restAfterFailure = restAfterFailure
        self.patience = patience
        self.state = Mutex((0, Array(repeating: nil, count: replicas.count)))
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await routed { try await $0.read(body) }
    }

    func snapshot<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await routed { try await $0.snapshot(body) }
    }

    func withTransaction<T: Sendable>(_ body: @Sendable (any SQLTransaction) async throws -> T) async throws -> T {
        try await primary.withTransaction(body)
    }

    /// Closes the replicas' connections; the primary belongs to its own store.
    func close() async throws {
        for replica in replicas { try await replica.engine.close() }
    }

    func setSealing(_ on: Bool) {}

    private func routed<T: Sendable>(_ work: @Sendable (any SQLEngine) async throws -> T) async throws -> T {
        guard let index = nextReplica() else { return try await work(primary) }
        do {
            return try await patiently(work, on: replicas[index].engine)
        } catch let error as StoreError where Self.isAnswer(error) {
            // The replica's own answer (nothing by that identifier, say): the query ran there.
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            rest(index)
            logger.warning("replica \(replicas[index].name) failed a read; the primary answers it: \(error)")
            return try await work(primary)
        }
    }

    struct OutOfPatience: Error, CustomStringConvertible {
        let patience: Duration
        var description: String { "no answer within \(patience)" }
    }

    /// `work` on `replica`, given up (and cancelled) after ``patience``.
    private func patiently<T: Sendable>(_ work: @Sendable (any SQLEngine) async throws -> T, on replica: any SQLEngine) async throws -> T {
        let patience = self.patience
        // The task group ends before this call returns, so `work` does not outlive it.
        return try await withoutActuallyEscaping(work) { work in
            try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await work(replica) }
                group.addTask {
                    try await Task.sleep(for: patience)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else { throw OutOfPatience(patience: patience) }
                return value
            }
        }
    }

    /// Whether `error` is what the data says rather than a failure of the replica or its server.
    private static func isAnswer(_ error: StoreError) -> Bool {
        switch error {
        case .notFound, .duplicate, .empty, .alreadyLoaded: true
        default: false
        }
    }

    /// The next replica not resting, in turn; nil when every one rests.
    private func nextReplica() -> Int? {
        let now = ContinuousClock.now
        return state.withLock { state in
            for step in 0..<replicas.count {
                let index = (state.next + step) % replicas.count
                if let until = state.restingUntil[index], until > now { continue }
                state.restingUntil[index] = nil
                state.next = (index + 1) % replicas.count
                return index
            }
            return nil
        }
    }

    private func rest(_ index: Int) {
        let until = ContinuousClock.now + restAfterFailure
        state.withLock { $0.restingUntil[index] = until }
    }
}
