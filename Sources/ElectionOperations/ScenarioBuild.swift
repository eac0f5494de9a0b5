import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import Foundation
import Synchronization

/// Builds the reference scenario into a database, all or nothing, and says how long each part took.
public struct ScenarioBuild: Sendable {
    /// How long the build took, by part, and how many voters it stored.
    public struct Report: Sendable {
        public var referenceSeconds: Double
        public var registerSeconds: Double
        public var totalSeconds: Double
        public var voters: Int
    }

    /// Seed of the generator: the same seed builds the same database.
    public let seed: UInt64
    /// Voters on the generated register.
    public let voters: Int
    /// Whether the generated register is stored; without it, stations keep their register sizes
    /// and the register is left to `sala import voters`.
    public var storesRegister = true
    /// Told the number of voters stored so far after each batch of the register.
    public var progress: @Sendable (_ votersStored: Int) -> Void = { _ in }

    /// A build of the scenario generated from `seed` with `voters` voters.
    public init(seed: UInt64, voters: Int, storesRegister: Bool = true, progress: @escaping @Sendable (_ votersStored: Int) -> Void = { _ in }) {
        self.seed = seed
        self.voters = voters
        self.storesRegister = storesRegister
        self.progress = progress
    }

    /// Builds into a new SQLite file (see ``NewDatabase/sqlite(at:replacing:_:)``).
    public func buildSQLite(at path: String, replacing: Bool) async throws -> Report {
        try await NewDatabase.sqlite(at: path, replacing: replacing) { try await build(into: $0) }
    }

    /// Builds into an empty PostgreSQL database, in one transaction (see ``NewDatabase/postgres(url:replacing:_:)``).
    public func buildPostgres(url: String, replacing: Bool) async throws -> Report {
        try await NewDatabase.postgres(url: url, replacing: replacing) { try await build(into: $0) }
    }

    private func build(into store: SQLElectionStore) async throws -> Report {
        let started = Date()
        let scenario = try CambodiaScenario(seed: seed, voters: voters)
        // The scenario goes in as a commission's election does: written as a bundle and read back
        // by the importer's reader, so every build exercises the importer at full scale.
        let reference = try ElectionBundle.read(try ElectionBundle.files(of: scenario.reference))
        let counter = Counter()
        try await store.loadElection(reference) { storeBatch in
            counter.mark()
            guard storesRegister else { return }
            try await scenario.generateRegister { batch in
                try await storeBatch(batch)
                progress(counter.add(batch.count))
            }
        }
        try await DemoMission.loadObservers(scenario, into: store)
        try await scenario.loadPoliceAndLibrary(into: store, at: started)
        try await scenario.loadTraining(into: store)
        try await scenario.loadComplaints(into: store)
        try await scenario.loadQuickCount(into: store)
        try await PastElections.keep(in: store, at: started)
        let finished = Date()
        let registerStart = counter.markedAt ?? finished
        return Report(
            referenceSeconds: registerStart.timeIntervalSince(started),
            registerSeconds: finished.timeIntervalSince(registerStart),
            totalSeconds: finished.timeIntervalSince(started),
            voters: counter.value)
    }
}

/// Counts voters stored so far, for the progress, and notes when the register began.
final class Counter: Sendable {
    private let state = Mutex((value: 0, markedAt: Date?.none))
    var value: Int { state.withLock { $0.value } }
    var markedAt: Date? { state.withLock { $0.markedAt } }
    func mark() { state.withLock { $0.markedAt = Date() } }
    func add(_ n: Int) -> Int {
        state.withLock {
            $0.value += n
            return $0.value
        }
    }
}

/// Why `sala scenario` will not build.
public enum BuildRefusal: Error, CustomStringConvertible {
    case exists(String)
    case holdsAnElection
    public var description: String {
        switch self {
        case .exists(let path): "\(path) already exists; pass --force to replace it."
        case .holdsAnElection: "The PostgreSQL database already holds an election; pass --force to replace it."
        }
    }
}
