import ElectionCore
import ElectionCredentials
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import Foundation

/// Enters the generated 2023 count forms for every station through the officials' path: two
/// commune officials enter each form blind, a provincial official acknowledges warnings, each
/// provincial official confirms their province, the NEC confirms the nation and publishes.
public struct ResultsReplay: Sendable {
    /// The database to replay into: a newly built scenario, without result forms.
    public let store: SQLElectionStore
    /// Seed of the generated count forms (``CountGenerator``).
    public let seed: UInt64
    /// Forms handed to the store per transaction.
    public var batchSize = 500

    /// A replay into `store` of the count generated from `seed`, `batchSize` forms a transaction.
    public init(store: SQLElectionStore, seed: UInt64, batchSize: Int = 500) {
        self.store = store
        self.seed = seed
        self.batchSize = batchSize
    }

    /// What the replay published, beside the official results it aimed at.
    public struct Summary: Sendable {
        public var report: ResultsReport
        public var publication: Publication
        public var official: OfficialResults
        public var seconds: Double

        /// What the published results get wrong against the official 2023 results (national
        /// totals, party votes, seats per province), empty when they agree; nil when the register
        /// is smaller than the official one, so the totals are scaled and cannot be compared.
        public var differencesFromOfficial: [String]? {
            let n = report.national.counts
            let o = official
            guard n.registeredVoters == o.registeredVoters else { return nil }
            var mismatches: [String] = []
            if n.ballotsInBox != o.ballotsCast { mismatches.append("ballots cast") }
            if n.validVotes != o.validVotes { mismatches.append("valid votes") }
            if n.invalidBallots != o.invalidBallots { mismatches.append("invalid ballots") }
            if n.votes != o.votes { mismatches.append("party votes") }
            for c in report.constituencies where c.seats.filter({ $0.value > 0 }) != (o.seats[c.constituency.id] ?? [:]) {
                mismatches.append("seats in \(c.constituency.nameEnglish)")
            }
            return mismatches
        }
    }

    /// Replays the count, telling `progress` the stations done and the stations in all after each
    /// batch. Throws ``OperationRefusal`` if the database already holds result forms or a
    /// replayed form is refused.
    public func run(progress: (_ done: Int, _ stations: Int) -> Void) async throws -> Summary {
        let started = ContinuousClock.now
        let official = try OfficialResults.cambodia2023()
        guard try await store.formStatuses(within: "").isEmpty else {
            throw OperationRefusal("the database already holds result forms; replay into a newly built scenario")
        }
        var stations: [PollingStation] = []
        var communes: [CommuneCode] = []
        let provinces = try await store.constituencies().map(\.id)
        for province in provinces {
            stations += try await store.pollingStations(inProvince: province)
            communes += try await store.communes(inProvince: province).map(\.id)
        }
        let counts = CountGenerator(official: official, seed: seed)
            .counts(for: stations.map { .init(code: $0.id, registeredVoters: $0.registeredVoters) })

        // Replay accounts cannot sign in: they exist so that every entry has its official.
        var entrants: [CommuneCode: (Official, Official)] = [:]
        for commune in communes {
            entrants[commune] = (
                try await account("replay-\(commune)-a", .communeOfficial, .commune(commune)),
                try await account("replay-\(commune)-b", .communeOfficial, .commune(commune)))
        }
        var provincial: [ProvinceCode: Official] = [:]
        for province in provinces { provincial[province] = try await account("replay-\(province)", .provincialOfficial, .province(province)) }
        let nec = try await account("replay-nec", .necAdministrator, .nation)

        var done = 0
        for start in stride(from: 0, to: stations.count, by: batchSize) {
            let batch = start..<min(start + batchSize, stations.count)
            var settled: [ResultFormVersion] = []
            for pass in 0..<2 {
                let requests = batch.map { i in
                    let pair = entrants[stations[i].communeCode]!
                    return FormRequest(
                        stationCode: stations[i].id, expectedVersion: 1, action: .enter(counts[i]),
                        official: pass == 0 ? pair.0 : pair.1)
                }
                settled = try check(try await store.apply(requests, at: Date()))
            }
            let acknowledgements = settled.filter { $0.status == .awaitingAcknowledgement }.map {
                FormRequest(
                    stationCode: $0.stationCode, expectedVersion: 1, action: .acknowledge,
                    official: provincial[$0.stationCode.province]!)
            }
            _ = try check(try await store.apply(acknowledgements, at: Date()))
            done = batch.upperBound
            progress(done, stations.count)
        }
        for province in provinces {
            try await store.confirmResults(.province(province), by: provincial[province]!, at: Date())
        }
        try await store.confirmResults(.nation, by: nec, at: Date())
        let report = try await store.resultsReport()
        let signer = try NECSigner(privateKey: try await store.signingKey())
        let publication = try await store.publish(report, by: nec, at: Date(), signing: signer.signature(of:))
        let elapsed = ContinuousClock.now - started
        return Summary(
            report: report, publication: publication, official: official,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    private func account(_ name: String, _ role: OfficialRole, _ unit: UnitCode) async throws -> Official {
        if let existing = try await store.officialAccount(named: name) { return existing.official }
        return try await store.addOfficial(name: name, role: role, unitCode: unit, passwordHash: OfficialAccount.disabledPassword)
    }

    /// The forms after the actions; any refusal stops the replay, since every generated form is consistent.
    private func check(_ outcomes: [Result<ResultFormVersion, any Error>]) throws -> [ResultFormVersion] {
        try outcomes.map { outcome in
            do { return try outcome.get() } catch { throw OperationRefusal("a replayed form was refused: \(error)") }
        }
    }
}
