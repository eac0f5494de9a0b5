import ElectionCore
import ElectionScenario
import ElectionStoreSQL
import Foundation

/// The databases the tests run against: a small reference scenario on SQLite always, and on
/// PostgreSQL when `SALA_TEST_POSTGRES_URL` names a server (CI starts one).
public enum TestDatabases {
    /// Voters in the test scenarios' register: small enough to build in seconds.
    public static let testVoters = 3_000
    public static let seed: UInt64 = 7

    /// The PostgreSQL server to test against, if one is configured.
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["SALA_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether a missing PostgreSQL (or browser) must fail the run rather than skip (CI sets these).
    public static func required(_ variable: String) -> Bool {
        ProcessInfo.processInfo.environment[variable] == "1"
    }

    /// The scenario the test databases hold, generated once per test process.
    public static let scenario: CambodiaScenario = {
        do {
            return try CambodiaScenario(seed: seed, voters: testVoters)
        } catch {
            fatalError("the reference scenario does not build: \(error)")
        }
    }()

    /// The path of a built SQLite test database, shared by the tests of one process (read-only use).
    public static func sqlitePath() async throws -> String {
        try await SharedBuild.shared.sqlite()
    }

    /// A store over the shared SQLite test database.
    public static func sqlite() async throws -> SQLElectionStore {
        try await SQLElectionStore.openSQLite(path: try await sqlitePath())
    }

    /// A store over a private copy of the shared SQLite test database, for tests that write.
    public static func writableSQLite() async throws -> SQLElectionStore {
        let copy = try temporaryDirectory().appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: try await sqlitePath(), toPath: copy)
        return try await SQLElectionStore.openSQLite(path: copy)
    }

    /// A store over the PostgreSQL test database, loaded once per test process.
    public static func postgres() async throws -> SQLElectionStore? {
        guard let url = postgresURL else { return nil }
        try await SharedBuild.shared.postgres(url: url)
        return try await SQLElectionStore.connectPostgres(url: url)
    }

    /// Every voter of the test register, for checks that compare the store with what was loaded.
    public static func register() async throws -> [Voter] {
        var voters: [Voter] = []
        try await scenario.generateRegister { voters += $0 }
        return voters
    }

    /// A fresh temporary directory for one test.
    public static func temporaryDirectory() throws -> URL {
        let url = runDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// This test process's folder of temporary directories, removed when the process exits (a
    /// full run makes gigabytes of database copies); one left by a process that crashed is
    /// removed by the next run.
    static let runDirectory: URL = {
        let fm = FileManager.default
        let base = fm.temporaryDirectory
        for name in (try? fm.contentsOfDirectory(atPath: base.path)) ?? [] where name.hasPrefix("sala-tests-") {
            if let pid = Int32(name.dropFirst("sala-tests-".count)), kill(pid, 0) != 0 {
                try? fm.removeItem(at: base.appendingPathComponent(name))
            }
        }
        let url = base.appendingPathComponent("sala-tests-\(getpid())")
        try? fm.createDirectory(at: url, withIntermediateDirectories: true)
        atexit {
            try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory.appendingPathComponent("sala-tests-\(getpid())"))
        }
        return url
    }()

    /// Loads `scenario` into `store`.
    public static func load(_ scenario: CambodiaScenario, into store: SQLElectionStore) async throws {
        try await store.loadElection(scenario.reference) { storeBatch in
            try await scenario.generateRegister(batchSize: 1_000) { try await storeBatch($0) }
        }
        try await DemoMission.loadObservers(scenario, into: store)
        try await scenario.loadPoliceAndLibrary(into: store, at: Date(timeIntervalSince1970: 0))
        try await scenario.loadTraining(into: store)
        try await scenario.loadComplaints(into: store)
        try await scenario.loadQuickCount(into: store)
        try await PastElections.keep(in: store, at: Date(timeIntervalSince1970: 0))
    }
}

/// Builds each shared test database once, however many tests ask for it at the same time.
public actor SharedBuild {
    public static let shared = SharedBuild()
    private var sqliteBuild: Task<String, any Error>?
    private var postgresBuild: Task<Void, any Error>?
    /// What loads that failed left in PostgreSQL: the number of communes and voters (both should
    /// be 0), after one interrupted half-way and after one with a voter at an unknown station.
    public private(set) var postgresAfterFailedLoads: [(communes: Int, voters: Int, failed: Bool)] = []

    func sqlite() async throws -> String {
        if let sqliteBuild { return try await sqliteBuild.value }
        let task = Task<String, any Error> {
            let path = try TestDatabases.temporaryDirectory().appendingPathComponent("scenario.sqlite").path
            let store = try await SQLElectionStore.openSQLite(path: path, bulkBuild: true)
            do {
                try await TestDatabases.load(TestDatabases.scenario, into: store)
                try await store.finishBuilding()
            } catch {
                // Closed either way: an open connection left behind would end the test process
                // on an assertion and hide this error.
                try? await store.close()
                throw error
            }
            try await store.close()
            return path
        }
        sqliteBuild = task
        return try await task.value
    }

    private func recordFailedLoad(_ statistics: ElectionStatistics, failed: Bool) {
        postgresAfterFailedLoads.append((statistics.communes, statistics.votersOnRegister ?? -1, failed))
    }

    func postgres(url: String) async throws {
        if let postgresBuild { return try await postgresBuild.value }
        let task = Task<Void, any Error> {
            let store = try await SQLElectionStore.connectPostgres(url: url)
            try await store.dropAllTables()
            try await store.close()
            let fresh = try await SQLElectionStore.connectPostgres(url: url)
            // Before the real load, one that fails half-way, to see that it leaves nothing behind.
            struct Interrupted: Error {}
            let scenario = TestDatabases.scenario
            let interrupted = (try? await fresh.loadElection(scenario.reference) { storeBatch in
                try await scenario.generateRegister(batchSize: 1_000) { batch in
                    try await storeBatch(batch)
                    throw Interrupted()
                }
            }) == nil
            let afterInterrupted = try await fresh.statistics()
            await self.recordFailedLoad(afterInterrupted, failed: interrupted)
            // The load drops the register's foreign key and adds it back at the end: a voter at
            // an unknown station must still fail the whole load.
            let stray = Voter(
                number: VoterNumber(serial: 1), name: PersonName(khmer: "សុខ ដារ៉ា", latin: "Sok Dara"), sex: .male,
                dateOfBirth: CalendarDate(year: 1990, month: 1, day: 1)!, stationCode: "999999999")
            let refused = (try? await fresh.loadElection(scenario.reference) { storeBatch in
                try await scenario.generateRegister(batchSize: 1_000) { try await storeBatch($0) }
                try await storeBatch([stray])
            }) == nil
            let afterStray = try await fresh.statistics()
            await self.recordFailedLoad(afterStray, failed: refused)
            try await TestDatabases.load(scenario, into: fresh)
            try await fresh.close()
        }
        postgresBuild = task
        return try await task.value
    }
}
