import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import Foundation
import Synchronization

/// Builds the reference scenario into a database, all or nothing, and says how long each part took.
struct ScenarioBuild {
    struct Report {
        var referenceSeconds: Double
        var registerSeconds: Double
        var totalSeconds: Double
        var voters: Int
    }

    let seed: UInt64
    let voters: Int
    /// Whether the generated register is stored; without it, stations keep their register sizes
    /// and the register is left to `sala import voters`.
    var storesRegister = true

    /// Builds into a new SQLite file. The build goes to `PATH.partial`, renamed to `PATH` only when
    /// complete, so a failed or interrupted build never leaves a half-built database behind.
    func buildSQLite(at path: String, replacing: Bool) async throws -> Report {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) && !replacing {
            throw BuildRefusal.exists(path)
        }
        let partial = path + ".partial"
        func removePartial() {
            for leftover in [partial, partial + "-wal", partial + "-shm", partial + "-journal"] {
                try? fm.removeItem(atPath: leftover)
            }
        }
        removePartial()
        do {
            let store = try await SQLElectionStore.openSQLite(path: partial, bulkBuild: true)
            let report: Report
            do {
                report = try await build(into: store)
                try await store.finishBuilding()
                try await store.close()
            } catch {
                try? await store.close()
                throw error
            }
            for old in [path + "-wal", path + "-shm"] { try? fm.removeItem(atPath: old) }
            if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
            try fm.moveItem(atPath: partial, toPath: path)
            return report
        } catch {
            removePartial()
            throw error
        }
    }

    /// Builds into an empty PostgreSQL database, in one transaction; with `replacing`, Sala's
    /// tables are dropped first.
    func buildPostgres(url: String, replacing: Bool) async throws -> Report {
        if replacing {
            let old = try await SQLElectionStore.connectPostgres(url: url)
            try await old.dropAllTables()
            try await old.close()
        }
        let store = try await SQLElectionStore.connectPostgres(url: url)
        do {
            let report = try await build(into: store)
            try await store.close()
            return report
        } catch StoreError.alreadyLoaded {
            try? await store.close()
            throw BuildRefusal.holdsAnElection
        } catch {
            try? await store.close()
            throw error
        }
    }

    private func build(into store: SQLElectionStore) async throws -> Report {
        let started = Date()
        let scenario = try CambodiaScenario(seed: seed, voters: voters)
        let progress = ProgressBar(label: "voters", total: storesRegister ? voters : 0)
        let counter = Counter()
        try await store.loadElection(scenario.reference) { storeBatch in
            counter.mark()
            guard storesRegister else { return }
            try await scenario.generateRegister { batch in
                try await storeBatch(batch)
                progress.update(counter.add(batch.count))
            }
        }
        try await DemoMission.loadWithStandardChecklists(scenario, into: store)
        let finished = Date()
        let registerStart = counter.markedAt ?? finished
        return Report(
            referenceSeconds: registerStart.timeIntervalSince(started),
            registerSeconds: finished.timeIntervalSince(registerStart),
            totalSeconds: finished.timeIntervalSince(started),
            voters: counter.value)
    }
}

/// Counts voters stored so far, for the progress bar, and notes when the register began.
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
enum BuildRefusal: Error, CustomStringConvertible {
    case exists(String)
    case holdsAnElection
    var description: String {
        switch self {
        case .exists(let path): "\(path) already exists; pass --force to replace it."
        case .holdsAnElection: "The PostgreSQL database already holds an election; pass --force to replace it."
        }
    }
}
