import ElectionCore
import ElectionStore
import ElectionStoreSQL
import Foundation

/// Replacing the election a database holds with a bundle's, before any result exists or, once its
/// count is official, keeping it as a record (the next election's set-up): the definition is the
/// bundle's; the register, the officials' accounts and the records of past elections are kept;
/// everything else that belonged to the old election (sessions, missions, party applications and
/// agents, moved deadlines, register and geography history) is not. All or nothing: a new
/// database is built beside the old one and takes its place only when complete.
public enum ElectionReplacement {
    /// What a replacement kept.
    public struct Outcome: Sendable {
        public var reference: ElectionReferenceData
        public var votersKept: Int
        public var accountsKept: Int
        public var recordsKept: Int
        /// The replaced election, kept as a record, when it was archived.
        public var archived: ElectionRecord?
    }

    /// Replaces the election in the SQLite file at `path` with the bundle in `directory` (see
    /// ``replace(bundle:archivingCurrent:open:rebuild:)``).
    public static func sqlite(bundle directory: String, at path: String, archivingCurrent: Bool = false) async throws -> Outcome {
        guard FileManager.default.fileExists(atPath: path) else { throw OperationRefusal("\(path) does not exist: import into it without --replace.") }
        return try await replace(
            bundle: directory, archivingCurrent: archivingCurrent, open: { try await SQLElectionStore.openSQLite(path: path) },
            rebuild: { fill in try await NewDatabase.sqlite(at: path, replacing: true, fill) })
    }

    /// Replaces the election in the PostgreSQL database (or schema) `url` names with the bundle in
    /// `directory`; the new tables take the old ones' place in one transaction.
    public static func postgres(bundle directory: String, url: String, archivingCurrent: Bool = false) async throws -> Outcome {
        try await replace(
            bundle: directory, archivingCurrent: archivingCurrent, open: { try await SQLElectionStore.connectPostgres(url: url) },
            rebuild: { fill in try await SQLElectionStore.rebuildPostgres(url: url, fill) })
    }

    /// Refused, writing nothing, when results were entered (unless `archivingCurrent` and the count
    /// is official: then the old election is kept as a record of its results), or when voters or
    /// accounts belong to units the bundle does not have.
    static func replace(
        bundle directory: String, archivingCurrent: Bool, open: () async throws -> SQLElectionStore,
        rebuild: (_ fill: (SQLElectionStore) async throws -> Outcome) async throws -> Outcome
    ) async throws -> Outcome {
        let reference = try ElectionBundleFiles.check(directory)
        let old = try await open()
        let kept: [OfficialAccount]
        var records: [ElectionRecord]
        var archived: ElectionRecord?
        do {
            kept = try await check(old, against: reference, archiving: archivingCurrent)
            records = try await old.electionRecords()
            if archivingCurrent {
                let record = try await record(of: old)
                records.append(record)
                archived = record
            }
            if records.contains(where: { $0.election.id == reference.election.id }) {
                throw OperationRefusal("The database keeps a record of \(reference.election.id) already: a new election needs an id of its own.")
            }
        } catch {
            try? await old.close()
            throw error
        }
        return try await rebuild { new in
            let voters = Counter()
            do {
                try await new.loadElection(reference) { storeBatch in
                    var after: VoterNumber?
                    while true {
                        let page = try await old.voters(after: after, limit: 20_000)
                        guard let last = page.last else { break }
                        try await storeBatch(page)
                        _ = voters.add(page.count)
                        after = last.number
                    }
                }
                for account in kept {
                    _ = try await new.addOfficial(name: account.official.name, role: account.official.role, unitCode: account.official.unitCode,
                                                  passwordHash: account.passwordHash)
                }
                for record in records {
                    try await new.keepElectionRecord(record, replacing: false, at: Date())
                }
                try await old.close()
            } catch {
                try? await old.close()
                throw error
            }
            return Outcome(
                reference: reference, votersKept: voters.value, accountsKept: kept.count, recordsKept: records.count, archived: archived)
        }
    }

    /// The accounts to keep, once the old election may be replaced by `reference`; throws an
    /// ``OperationRefusal`` saying why not.
    static func check(_ old: SQLElectionStore, against reference: ElectionReferenceData, archiving: Bool) async throws -> [OfficialAccount] {
        if !archiving, try await old.holdsResults() {
            throw OperationRefusal("""
                Results were entered for \(try await old.election().id): an election is replaced only before any result, \
                or once its count is official with --archive-current, which keeps its results as a record.
                """)
        }
        let stations = Set(reference.pollingStations.map(\.id))
        let orphaned = try await old.stationsWithVoters().filter { !stations.contains($0) }.sorted()
        if !orphaned.isEmpty {
            throw OperationRefusal("""
                \(orphaned.count) polling station(s) with registered voters are not in the bundle: \
                \(orphaned.prefix(10).map(\.rawValue).joined(separator: ", "))\(orphaned.count > 10 ? ", …" : ""). \
                Move or remove their voters first, or keep the stations in the bundle.
                """)
        }
        let units = Set(reference.constituencies.map { UnitCode.province($0.id) } + reference.communes.map { UnitCode.commune($0.id) }
                        + reference.pollingStations.map { UnitCode.station($0.id) } + [.nation])
        var accounts: [OfficialAccount] = []
        for official in try await old.officials() {
            guard units.contains(official.unitCode) else {
                throw OperationRefusal("The account \(official.name) belongs to \(official.unitCode), which the bundle does not have.")
            }
            if let account = try await old.officialAccount(named: official.name) { accounts.append(account) }
        }
        return accounts
    }

    /// The old election's official results as a record, naming the publication they agree with;
    /// refused while the count is not official.
    static func record(of old: SQLElectionStore) async throws -> ElectionRecord {
        let report = try await old.resultsReport()
        guard report.national.isOfficial else {
            throw OperationRefusal("""
                The count of \(report.election.id) is not official (\(report.national.stationsReported) of \
                \(report.national.stationsTotal) stations, \(report.national.confirmed ? "" : "not ")confirmed by the NEC): \
                it is kept as a record only once it is.
                """)
        }
        var record = ElectionRecord(report: report)
        // Every station counted: how many is no longer a figure of the record (its bundle has none).
        record.national.stationsReported = nil
        record.national.stationsTotal = nil
        for code in record.byConstituency.keys {
            record.byConstituency[code]?.stationsReported = nil
            record.byConstituency[code]?.stationsTotal = nil
        }
        record.provenance["figures"] = "the accepted result forms of every polling station, confirmed by the NEC, archived by sala election import --archive-current"
        if let last = try await old.publications().first {
            record.provenance["publication"] = "number \(last.number), \(last.official ? "official" : "provisional"), SHA-256 \(last.digest)"
        }
        // The observers' reports are public documents of this election: they go with it.
        for mission in try await old.missions() {
            record.missionReports.append(try await old.missionReport(mission.id))
        }
        return record
    }
}
