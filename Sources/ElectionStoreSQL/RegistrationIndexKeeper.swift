import ElectionCore
import ElectionStore
import Foundation
import Logging
import SQLKit
import Synchronization

/// Keeps the store's ``RegistrationIndex`` current: builds it from the register, then follows the
/// `register_log` (``RegisterLog``) every second and at once after this process's own changes.
///
/// The index answers only when it is sure to be current: until it is built, while it is built
/// again, and for a change this process has written but not yet applied, checks go to the database.
/// Another process's change (a command-line import, another server) is applied within a second.
final class RegistrationIndexKeeper: Sendable {
    private struct State {
        var index: RegistrationIndex?
        var stations: [StationCode: PollingStation] = [:]
        /// The log version the index has applied.
        var version = 0
        /// Changes written here and not yet applied (voter number, or nil for everything), each
        /// with the catch-up generation it was made in.
        var pending: [Int?: Int] = [:]
        var generation = 0
        var poller: Task<Void, Never>?
        var stopped = false
    }

    private let state = Mutex(State())
    /// Checks answered from memory.
    let answered = Atomic<Int>(0)
    private let engine: any SQLEngine
    private let interval: Duration
    private let logger = Logger(label: "sala.registration-index")
    /// Voters changed one at a time after which the index is built again.
    static let rebuildAfter = 100_000

    init(engine: any SQLEngine, interval: Duration) {
        self.engine = engine
        self.interval = interval
    }

    // MARK: Answers

    /// The index's placement of `number`, or nil when the database must answer.
    func placement(of number: VoterNumber) -> (RegistrationAnswer.Placement, [StationCode: PollingStation])? {
        state.withLock { state in
            guard let index = state.index, state.pending[nil] == nil, state.pending[number.value] == nil else { return nil }
            return (index.placement(of: number), state.stations)
        }
    }

    /// The index and the stations for a check by name, or nil when the database must answer.
    func forNames() -> (RegistrationIndex, [StationCode: PollingStation])? {
        state.withLock { state in
            guard let index = state.index, state.pending.isEmpty else { return nil }
            return (index, state.stations)
        }
    }

    /// Whether the index is built and current.
    var isReady: Bool { state.withLock { $0.index != nil && $0.pending.isEmpty } }

    // MARK: Following changes

    /// Marks a change this process is writing (before its transaction and again after it), so that
    /// no check trusts the index about it until the log has been read.
    func expect(_ scope: RegisterLog.Scope, voter: VoterNumber?) {
        state.withLock { state in
            state.pending[scope == .voter ? voter?.value : nil] = state.generation
        }
    }

    /// Starts following the log; the first catch-up builds the index.
    func start() {
        let task = Task { [self] in
            while !Task.isCancelled {
                do {
                    try await catchUp()
                } catch {
                    logger.warning("registration index: \(error)")
                }
                await sleep()
            }
        }
        state.withLock { $0.poller = task }
    }

    /// Stops following the log; checks go to the database from now on.
    func stop() async {
        let task = state.withLock { state -> Task<Void, Never>? in
            state.stopped = true
            state.index = nil
            return state.poller
        }
        task?.cancel()
        await task?.value
    }

    /// Waits for the interval, or less when this process has written a change (looked at every 50 ms).
    private func sleep() async {
        var slept = Duration.zero
        while slept < interval, !Task.isCancelled {
            if state.withLock({ $0.stopped || !$0.pending.isEmpty }) { return }
            try? await Task.sleep(for: .milliseconds(50))
            slept += .milliseconds(50)
        }
    }

    /// Reads the log and applies it: a voter at a time, or a new build.
    func catchUp() async throws {
        let (known, built, generation) = state.withLock { state -> (Int, Bool, Int) in
            state.generation += 1
            return (state.version, state.index != nil, state.generation - 1)
        }
        let (lines, newest) = try await engine.read { db in try await RegisterLog.lines(after: known, in: db) }
        let rebuild = !built || newest < known || lines.count > Self.rebuildAfter || lines.contains { $0.scope == .register }
        if rebuild {
            state.withLock { $0.index = nil }
            let started = ContinuousClock.now
            let (index, stations) = try await build()
            state.withLock { state in
                guard !state.stopped else { return }
                state.index = index
                state.stations = stations
                // Lines written during the build are applied by the next catch-up.
                state.version = max(newest, known)
                state.pending = state.pending.filter { $0.value > generation }
            }
            let seconds = (ContinuousClock.now - started) / .seconds(1)
            logger.info("registration index: \(index.count) voters in \(String(format: "%.1f", seconds)) s, about \(index.approximateBytes / 1_048_576) MB")
            return
        }
        var stations: [StationCode: PollingStation]?
        if lines.contains(where: { $0.scope == .stations }) { stations = try await readStations() }
        var changes: [RegistrationIndex.Change] = []
        for number in Set(lines.compactMap(\.voter)) {
            if let entry = try await engine.read({ db in
                try await db.raw("SELECT * FROM voters WHERE voter_number = \(bind: number.value)").first().map(Rows.registerEntry)
            }) {
                changes.append(.registered(entry))
            } else {
                changes.append(.removed(number))
            }
        }
        let tooMany = state.withLock { state -> Bool in
            guard !state.stopped, var index = state.index else { return false }
            for change in changes { index = index.applying(change) }
            state.index = index
            if let stations { state.stations = stations }
            state.version = max(state.version, newest)
            state.pending = state.pending.filter { $0.value > generation }
            return index.changedSinceBuild > Self.rebuildAfter
        }
        if tooMany { state.withLock { $0.index = nil } }
    }

    /// The index of the register and the fixed list as the database holds them now, and the stations.
    private func build() async throws -> (RegistrationIndex, [StationCode: PollingStation]) {
        let stations = try await readStations()
        let (voters, listFixed) = try await engine.read { db in
            (try await db.raw("SELECT COUNT(*) AS n FROM voters").first().map { try Rows.integer($0, "n") } ?? 0,
             try await db.raw("SELECT COUNT(*) AS n FROM voter_list_fixing").first().map { try Rows.integer($0, "n") } ?? 0 > 0)
        }
        var builder = RegistrationIndex.Builder(expectedVoters: voters)
        var after = -1
        while true {
            let batch = try await engine.read { [after] db in
                try await db.raw("""
                    SELECT * FROM voters WHERE voter_number > \(bind: after) ORDER BY voter_number LIMIT 50000
                    """).all().map(Rows.registerEntry)
            }
            guard let last = batch.last else { break }
            builder.addRegister(batch)
            after = last.voter.number.value
        }
        if listFixed {
            after = -1
            while true {
                let batch = try await engine.read { [after] db in
                    try await db.raw("""
                        SELECT voter_number, station_code FROM voter_list WHERE voter_number > \(bind: after)
                        ORDER BY voter_number LIMIT 100000
                        """).all().map { row in
                        (try row.decode(column: "voter_number", as: Int.self), try Rows.code(row, "station_code") as StationCode)
                    }
                }
                guard let last = batch.last else { break }
                builder.addList(batch.compactMap { number, code in VoterNumber(value: number).map { ($0, code) } })
                after = last.0
            }
        }
        return (builder.build(listFixed: listFixed), stations)
    }

    private func readStations() async throws -> [StationCode: PollingStation] {
        let all = try await engine.read { db in try await db.raw("SELECT * FROM polling_stations").all().map(Rows.pollingStation) }
        return Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
