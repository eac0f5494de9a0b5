import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The public's reads served by a real PostgreSQL streaming replica (`Tests/postgres/replica-pair`,
/// which `.ci/run` starts): with the replica's replay paused, a form accepted on the primary is
/// missing from the public pages and the anonymous API, and present for a signed-in caller; once
/// replay has passed the primary's WAL position, the public sees it too.
@Suite(.serialized) struct ReplicaReadsTests {
    static let environment = ProcessInfo.processInfo.environment
    static let primaryURL = environment["SALA_TEST_POSTGRES_PRIMARY_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let replicaURL = environment["SALA_TEST_POSTGRES_REPLICA_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static var configured: Bool { primaryURL != nil && replicaURL != nil }

    @Test(.enabled(
        if: configured || TestDatabases.required("SALA_REQUIRE_POSTGRES_REPLICA"),
        "no PostgreSQL replica pair: run `eval \"$(Tests/postgres/replica-pair start)\"` to run the replica tests"))
    func aReplicaPairIsConfigured() throws {
        _ = try #require(Self.primaryURL, "SALA_REQUIRE_POSTGRES_REPLICA=1 but SALA_TEST_POSTGRES_PRIMARY_URL is unset")
        _ = try #require(Self.replicaURL, "SALA_REQUIRE_POSTGRES_REPLICA=1 but SALA_TEST_POSTGRES_REPLICA_URL is unset")
    }

    @Test(.enabled(if: configured))
    func thePublicSeesTheReplicasStateAndASignedInCallerThePrimarys() async throws {
        let primary = try await Self.loadedPrimary()
        let replicas: SQLElectionStore
        do {
            replicas = try await primary.replicated(by: [Self.replicaURL!])
        } catch {
            try? await primary.close()
            throw error
        }
        do {
            try await Self.check(primary: primary, replicas: replicas)
        } catch {
            _ = try? Self.psql(Self.replicaURL!, "SELECT pg_wal_replay_resume()")
            try? await replicas.close()
            try? await primary.close()
            throw error
        }
        try await replicas.close()
        try await primary.close()
    }

    static func check(primary: SQLElectionStore, replicas: SQLElectionStore) async throws {
        // A station with no form yet (the database outlives a run: a rerun takes the next one).
        let commune: CommuneCode = "010201"
        let entered = try await primary.formStatuses(within: commune.unit)
        let station = try #require(
            try await primary.pollingStations(inCommune: commune).first { entered[$0.id] == nil && $0.registeredVoters > 0 },
            "every station of commune \(commune) has a form in this database: start a fresh pair")
        let tag = UUID().uuidString.prefix(8).lowercased()
        let clerks = [
            try await primary.addOfficial(name: "replica-a-\(tag)", role: .communeOfficial, unitCode: commune.unit, passwordHash: "!"),
            try await primary.addOfficial(name: "replica-b-\(tag)", role: .communeOfficial, unitCode: commune.unit, passwordHash: "!"),
        ]
        let nec = try await primary.addOfficial(name: "replica-nec-\(tag)", role: .necAdministrator, unitCode: .nation, passwordHash: "!")
        let token = Passwords.newToken()
        try await primary.addMachineToken(digest: Passwords.digest(token), officialID: nec.id, label: "replica test", expires: nil)
        let counts = CountGenerator(official: try OfficialResults.cambodia2023(), seed: 11)
            .counts(for: [.init(code: station.id, registeredVoters: station.registeredVoters)])[0]
        try await waitForReplay()

        let app = Application(router: try await PortalApplication.router(store: primary, publicReads: replicas, registrationChecks: nil))
        try await app.test(.router) { client in
            let pagePath = "/en/results/communes/\(commune)"
            let apiPath = "/api/v1/results/stations/\(station.id)"
            let before = try await client.get(pagePath).body
            let reportedBefore = try #require(Self.reported(before))
            #expect(try await client.get(apiPath).body.contains(#""versions":[]"#))

            _ = try psql(replicaURL!, "SELECT pg_wal_replay_pause()")
            try await waitUntil { try psql(replicaURL!, "SELECT pg_get_wal_replay_pause_state()") == "paused" }
            for clerk in clerks {
                _ = try await primary.apply(
                    [FormRequest(stationCode: station.id, expectedVersion: 1, action: .enter(counts), official: clerk)], at: Date())[0].get()
            }
            if try await primary.resultFormVersions(station: station.id).first?.status == .awaitingAcknowledgement {
                _ = try await primary.apply(
                    [FormRequest(stationCode: station.id, expectedVersion: 1, action: .acknowledge, official: nec)], at: Date())[0].get()
            }
            #expect(try await primary.resultFormVersions(station: station.id).first?.status == .accepted)

            // Replay paused: the public still sees the state before the form, and the page says so
            // (the same count of stations, the same last change); a signed-in caller reads the primary.
            let paused = try await client.get(pagePath).body
            #expect(Self.reported(paused) == reportedBefore)
            #expect(Self.lastChange(paused) == Self.lastChange(before))
            #expect(try await client.get(apiPath).body.contains(#""versions":[]"#))
            let signedIn = try await client.execute(uri: apiPath, method: .get, headers: [.authorization: "Bearer \(token)"]) {
                String(buffer: $0.body)
            }
            #expect(signedIn.contains(#""status":"accepted""#))

            // Replay resumed and past the primary's position: the public sees the form.
            _ = try psql(replicaURL!, "SELECT pg_wal_replay_resume()")
            try await waitForReplay()
            let caughtUp = try await client.get(pagePath).body
            #expect(Self.reported(caughtUp) == reportedBefore + 1)
            #expect(Self.lastChange(caughtUp) != nil)
            #expect(try await client.get(apiPath).body.contains(#""status":"accepted""#))
        }
    }

    /// The primary's database with the test scenario's election (no register: the results need
    /// none), loaded once per pair.
    static func loadedPrimary() async throws -> SQLElectionStore {
        let store = try await SQLElectionStore.connectPostgres(url: primaryURL!)
        do {
            if (try? await store.election()) == nil {
                try await store.loadElection(TestDatabases.scenario.reference) { _ in }
            }
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }

    /// "N of M polling stations reported": N.
    static func reported(_ page: String) -> Int? {
        page.firstMatch(of: /([0-9,]+) of [0-9,]+ polling stations reported/).flatMap { Int($0.1.replacingOccurrences(of: ",", with: "")) }
    }

    static func lastChange(_ page: String) -> String? {
        page.firstMatch(of: /id="last-change">([^<]*)</).map { String($0.1) }
    }

    /// Waits until the replica has replayed everything the primary had written when called.
    static func waitForReplay() async throws {
        let position = try psql(primaryURL!, "SELECT pg_current_wal_lsn()")
        try await waitUntil { try psql(replicaURL!, "SELECT pg_last_wal_replay_lsn() >= '\(position)'::pg_lsn") == "t" }
    }

    /// Polls `condition` every 50 ms; fails after 30 s (replay on loopback takes milliseconds).
    static func waitUntil(_ condition: () throws -> Bool) async throws {
        for _ in 0..<600 {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the replica did not catch up within 30 s")
        throw CancellationError()
    }

    /// One value from `psql` (PostgreSQL 15's, as `.ci/run` installs it).
    static func psql(_ url: String, _ query: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/lib/postgresql/15/bin/psql")
        // psql takes no `?schema=` (these queries name no table).
        process.arguments = ["-X", "-At", "-v", "ON_ERROR_STOP=1", String(url.prefix { $0 != "?" }), "-c", query]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw StoreError.refused("psql failed: \(query)") }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
