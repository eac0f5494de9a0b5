import Foundation

/// An election record as files: a manifest, the constituencies and parties (as in an election
/// bundle), the published figures, and the observer missions' reports (`missions/<id>.json`). An empty figure was not published; `docs/election-bundle.md`
/// describes every file and column. Writing is deterministic; reading reports every problem.
public enum ElectionRecordBundle {
    public static let format = "sala-election-record"
    public static let version = 1

    /// The CSV files, with their columns. An empty `constituency` is the nation.
    public static let tables: [(file: String, columns: [String])] = [
        ("constituencies.csv", ElectionBundle.tables.first { $0.file == "constituencies.csv" }!.columns),
        ("parties.csv", ElectionBundle.tables.first { $0.file == "parties.csv" }!.columns),
        ("totals.csv", ["constituency", "registered_voters", "ballots_cast", "valid_votes", "invalid_votes"]),
        ("results.csv", ["constituency", "party", "votes", "seats"]),
    ]

    struct Manifest: Codable {
        var format: String
        var version: Int
        var election: ElectionRecord.Definition
        var status: ElectionRecord.Status
        var provenance: [String: String]
    }

    /// Whether the files (by path inside the bundle) are a record's rather than an election bundle's.
    public static func isRecord(_ files: [String: Data]) -> Bool {
        struct Format: Decodable { var format: String }
        guard let data = files["manifest.json"], let manifest = try? JSONDecoder().decode(Format.self, from: data) else { return false }
        return manifest.format == format
    }

    /// The record's files, by path inside the bundle.
    public static func files(of record: ElectionRecord) throws(ElectionBundle.Problems) -> [String: Data] {
        var files: [String: Data] = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let manifest = Manifest(format: format, version: version, election: record.election, status: record.status, provenance: record.provenance)
        do {
            files["manifest.json"] = try encoder.encode(manifest) + Data("\n".utf8)
        } catch {
            throw ElectionBundle.Problems(all: [.init(file: "manifest.json", reason: "cannot be written: \(error)")])
        }
        func table(_ file: String, _ rows: [[String]]) throws(ElectionBundle.Problems) {
            files[file] = try ElectionBundle.csv(file, columns: tables.first { $0.file == file }!.columns, rows: rows)
        }
        func figure(_ n: Int?) -> String { n.map(String.init) ?? "" }
        try table("constituencies.csv", record.constituencies.sorted { $0.id < $1.id }.map {
            [$0.id.rawValue, $0.nameEnglish, $0.nameKhmer, $0.kind, String($0.seats)]
        })
        try table("parties.csv", record.parties.sorted { $0.id < $1.id }.map {
            [$0.id.description, $0.nameEnglish, $0.nameKhmer, $0.abbreviation]
        })
        let units = [("", record.national)] + record.byConstituency.sorted { $0.key < $1.key }.map { ($0.key.rawValue, $0.value) }
        try table("totals.csv", units.compactMap { code, unit in
            let t = unit.totals
            return t == .init() ? nil : [code, figure(t.registeredVoters), figure(t.ballotsCast), figure(t.validVotes), figure(t.invalidVotes)]
        })
        try table("results.csv", units.flatMap { code, unit in
            unit.parties.sorted { $0.party < $1.party }.map { [code, $0.party.description, figure($0.votes), figure($0.seats)] }
        })
        for report in record.missionReports {
            do {
                files["missions/\(report.mission.id).json"] = try encoder.encode(report) + Data("\n".utf8)
            } catch {
                throw ElectionBundle.Problems(all: [.init(file: "missions/\(report.mission.id).json", reason: "cannot be written: \(error)")])
            }
        }
        return files
    }

    /// The record in `files`, or every problem found in them (including figures that do not add up).
    public static func read(_ files: [String: Data]) throws(ElectionBundle.Problems) -> ElectionRecord {
        var reader = ElectionBundle.Reader(files: files, tables: tables)
        var manifest: Manifest?
        if let data = files["manifest.json"] {
            do {
                let m = try JSONDecoder().decode(Manifest.self, from: data)
                if m.format != format || m.version != version {
                    reader.problem("manifest.json", nil, "format", "must be \(format) version \(version)")
                }
                if !Election.isWellFormedID(m.election.id) {
                    reader.problem("manifest.json", nil, "election.id", "must be 1 to 64 letters, digits and hyphens: \(m.election.id.prefix(70))")
                }
                if m.election.kind.isEmpty { reader.problem("manifest.json", nil, "election.kind", "empty") }
                if m.election.nameEnglish.isEmpty || m.election.nameKhmer.isEmpty {
                    reader.problem("manifest.json", nil, "election.nameEnglish", "both names, English and Khmer, are needed")
                }
                manifest = m
            } catch {
                reader.problem("manifest.json", nil, nil, "not a record's manifest as documented: \(error)")
            }
        } else {
            reader.problem("manifest.json", nil, nil, "the file is missing")
        }
        let constituencies = reader.readConstituencies()
        let codes = Set(constituencies.map(\.id))
        let parties = reader.readParties(khmerNameRequired: false)
        let numbers = Set(parties.map(\.id))

        /// The unit a line is about: nil for the nation, or a constituency of the record.
        func unit(_ file: String, _ line: Int, _ row: ElectionBundle.Reader.Row) -> ProvinceCode?? {
            let raw = (row["constituency"] ?? "").trimmingCharacters(in: .whitespaces)
            if raw.isEmpty { return .some(nil) }
            guard let code = ProvinceCode(rawValue: raw), codes.contains(code) else {
                reader.problem(file, line, "constituency", "not a constituency in constituencies.csv: \(raw.prefix(20))")
                return nil
            }
            return .some(code)
        }
        let votes = 0...1_000_000_000
        var totals: [ProvinceCode?: ElectionRecord.Totals] = [:]
        for (line, row) in reader.rows("totals.csv") {
            let file = "totals.csv"
            let code = unit(file, line, row)
            let registered = reader.optionalNumber(file, line, row, "registered_voters", votes)
            let cast = reader.optionalNumber(file, line, row, "ballots_cast", votes)
            let valid = reader.optionalNumber(file, line, row, "valid_votes", votes)
            let invalid = reader.optionalNumber(file, line, row, "invalid_votes", votes)
            guard let code, let registered, let cast, let valid, let invalid else { continue }
            if totals[code] != nil { reader.problem(file, line, "constituency", "\(code?.rawValue ?? "the nation") appears twice"); continue }
            totals[code] = .init(registeredVoters: registered, ballotsCast: cast, validVotes: valid, invalidVotes: invalid)
        }
        var figures: [ProvinceCode?: [ElectionRecord.PartyFigures]] = [:]
        var seen = Set<String>()
        for (line, row) in reader.rows("results.csv") {
            let file = "results.csv"
            let code = unit(file, line, row)
            let party = reader.parsed(file, line, row, "party", "a party number from 1") { PartyNumber($0) }
            if let party, !numbers.contains(party) { reader.problem(file, line, "party", "party \(party) is not in parties.csv") }
            let partyVotes = reader.optionalNumber(file, line, row, "votes", votes)
            let seats = reader.optionalNumber(file, line, row, "seats", 0...10_000)
            guard let code, let party, let partyVotes, let seats else { continue }
            reader.unique("party \(party) in \(code?.rawValue ?? "the nation")", &seen, file, line, "party")
            if partyVotes == nil && seats == nil { reader.problem(file, line, "votes", "neither votes nor seats: leave the line out"); continue }
            figures[code, default: []].append(.init(party: party, votes: partyVotes, seats: seats))
        }
        var missionReports: [MissionReport] = []
        for path in files.keys.sorted() where path.hasPrefix("missions/") {
            do {
                missionReports.append(try JSONDecoder().decode(MissionReport.self, from: files[path]!))
            } catch {
                reader.problem(path, nil, nil, "not a mission report as Sala writes it: \(error)")
            }
        }
        guard let manifest else { throw ElectionBundle.Problems(all: reader.problems) }
        func unitFigures(_ code: ProvinceCode?) -> ElectionRecord.UnitFigures {
            .init(totals: totals[code] ?? .init(), parties: (figures[code] ?? []).sorted { $0.party < $1.party })
        }
        var byConstituency: [ProvinceCode: ElectionRecord.UnitFigures] = [:]
        for code in Set(totals.keys.compactMap { $0 }).union(figures.keys.compactMap { $0 }) {
            byConstituency[code] = unitFigures(code)
        }
        let record = ElectionRecord(
            election: manifest.election, status: manifest.status, constituencies: constituencies, parties: parties,
            national: unitFigures(nil), byConstituency: byConstituency, provenance: manifest.provenance, missionReports: missionReports)
        if reader.problems.isEmpty {
            for reason in record.inconsistencies { reader.problem("results.csv", nil, nil, reason) }
        }
        guard reader.problems.isEmpty else { throw ElectionBundle.Problems(all: reader.problems) }
        return record
    }
}
