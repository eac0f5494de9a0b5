import Crypto
import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: ResultStore {
    public func apply(_ requests: [FormRequest], at time: Date) async throws -> [Result<ResultFormVersion, any Error>] {
        try await election().requirePollsClosed(at: time)
        return try await engine.withTransaction { tx in try await FormWriter(tx: tx, at: time).apply(requests) }
    }

    public func resultFormVersions(station code: StationCode) async throws -> [ResultFormVersion] {
        try await engine.read { db in try await FormReader(db: db).versions(station: code) }
    }

    public func formEvents(station code: StationCode) async throws -> [FormEvent] {
        try await all("""
            SELECT e.*, o.name AS official_name, o.role AS official_role FROM result_events e JOIN officials o ON o.id = e.official_id
            WHERE e.station_code = \(bind: code.rawValue) ORDER BY e.id
            """) { row in
            let status = try row.decode(column: "status", as: String.self)
            let role = try row.decode(column: "official_role", as: String.self)
            return FormEvent(
                stationCode: code, version: try row.decode(column: "version", as: Int.self),
                at: try ISO8601.date(try row.decode(column: "at", as: String.self)),
                officialName: try row.decode(column: "official_name", as: String.self),
                officialRole: try OfficialRole(rawValue: role) ?? { throw Rows.Malformed(column: "role", value: role) }(),
                action: try row.decode(column: "action", as: String.self),
                status: FormStatus(rawValue: status) ?? .awaitingFirstEntry,
                detail: try row.decode(column: "detail", as: String?.self))
        }
    }

    public func holdsResults() async throws -> Bool {
        try await all("SELECT station_code FROM result_events LIMIT 1") { _ in true }.first ?? false
    }

    public func lastFormChange() async throws -> Date? {
        // Events are numbered as they are written: the last one is the newest, found by the key.
        try await all("SELECT at FROM result_events ORDER BY id DESC LIMIT 1") { row in
            try ISO8601.date(try row.decode(column: "at", as: String.self))
        }.first
    }

    public func formStatuses(within unit: UnitCode) async throws -> [StationCode: FormStatus] {
        let code = unit.rawValue
        let rows = try await all("""
            SELECT f.station_code, f.status FROM result_forms f
            JOIN (SELECT station_code, MAX(version) AS latest FROM result_forms
                  WHERE substr(station_code, 1, \(unsafeRaw: String(code.count))) = \(bind: code) GROUP BY station_code) m
              ON m.station_code = f.station_code AND m.latest = f.version
            """) { row in
            (try Rows.code(row, "station_code", as: StationCode.self), try row.decode(column: "status", as: String.self))
        }
        return Dictionary(uniqueKeysWithValues: rows.compactMap { code, status in FormStatus(rawValue: status).map { (code, $0) } })
    }

    public func acceptedCounts(station code: StationCode) async throws -> ResultCounts? {
        try await engine.read { db in
            guard let row = try await db.raw("SELECT * FROM current_forms WHERE station_code = \(bind: code.rawValue)").first() else { return nil }
            let votes = try await db.raw("SELECT party_id, votes FROM current_votes WHERE station_code = \(bind: code.rawValue)").all()
            return try Rows.counts(row, votes: Rows.votes(votes))
        }
    }

    public func resultTotals(level: ResultLevel, within unit: UnitCode) async throws -> [ResultTotals] {
        let code = unit.rawValue
        let n = level.codeLength
        return try await engine.read { db in
            var counts: [String: ResultCounts] = [:]
            var reported: [String: Int] = [:]
            // Stations' figures are their current forms'; provinces' and communes' are the running
            // totals the form writer keeps (UnitResultsChange); the nation is the sum of its provinces.
            let figures: SQLQueryString, votes: SQLQueryString
            if level == .station {
                let filter: SQLQueryString = switch unit {
                case .nation: ""
                case .province: "WHERE province_code = \(bind: code)"
                case .commune: "WHERE commune_code = \(bind: code)"
                case .station: "WHERE station_code = \(bind: code)"
                }
                figures = "SELECT station_code AS unit, 1 AS stations, current_forms.* FROM current_forms \(filter)"
                votes = "SELECT station_code AS unit, party_id, votes FROM current_votes \(filter)"
            } else {
                let filter: SQLQueryString = """
                    WHERE length(unit_code) = \(unsafeRaw: String(level == .national ? 2 : n))
                        AND substr(unit_code, 1, \(unsafeRaw: String(code.count))) = \(bind: code)
                    """
                figures = "SELECT unit_code AS unit, unit_results.* FROM unit_results \(filter)"
                votes = "SELECT unit_code AS unit, party_id, votes FROM unit_votes \(filter)"
            }
            for row in try await db.raw(figures).all() {
                let unit = level == .national ? "" : try row.decode(column: "unit", as: String.self)
                counts[unit, default: .zero].add(try Rows.counts(row, votes: [:]))
                reported[unit, default: 0] += try row.decode(column: "stations", as: Int.self)
            }
            for row in try await db.raw(votes).all() {
                let unit = level == .national ? "" : try row.decode(column: "unit", as: String.self)
                counts[unit, default: .zero].votes[try Rows.party(row, "party_id"), default: 0] +=
                    try row.decode(column: "votes", as: Int.self)
            }
            var confirmed = Set<String>()
            for row in try await db.raw("SELECT level, unit_code FROM result_confirmations").all() {
                confirmed.insert(try row.decode(column: "level", as: String.self) + ":" + row.decode(column: "unit_code", as: String.self))
            }
            return try await db.raw("""
                SELECT substr(code, 1, \(unsafeRaw: String(n))) AS unit, COUNT(*) AS stations,
                    CAST(SUM(registered_voters) AS BIGINT) AS registered
                FROM polling_stations WHERE substr(code, 1, \(unsafeRaw: String(code.count))) = \(bind: code) GROUP BY unit ORDER BY unit
                """).all().map { row in
                let unit = try row.decode(column: "unit", as: String.self)
                guard let code = UnitCode(level: level, code: unit) else { throw Rows.Malformed(column: "code", value: unit) }
                let isConfirmed = switch code.province {
                case nil: confirmed.contains("national:")
                case let province?: confirmed.contains("province:\(province)")
                }
                return ResultTotals(
                    level: level, code: code, counts: counts[unit] ?? .zero, stationsReported: reported[unit] ?? 0,
                    stationsTotal: try row.decode(column: "stations", as: Int.self),
                    registeredOnList: try row.decode(column: "registered", as: Int.self), confirmed: isConfirmed)
            }
        }
    }

    public func confirmResults(_ unit: UnitCode, by official: Official, at time: Date) async throws {
        switch unit {
        case .province(let province):
            try official.require(.confirmProvince, on: unit)
            _ = try await constituency(province)
        case .nation:
            try official.require(.confirmNation, on: unit)
            let provinces = try await constituencies().count
            let confirmedProvinces = try await all(
                "SELECT COUNT(*) AS n FROM result_confirmations WHERE level = 'province'"
            ) { try $0.decode(column: "n", as: Int.self) }.first ?? 0
            guard confirmedProvinces == provinces else {
                throw Refusal(.countIncomplete, "\(provinces - confirmedProvinces) provinces are not confirmed yet")
            }
        case .commune, .station:
            throw Refusal(.wrongState, field: "level", "only provinces and the nation are confirmed")
        }
        guard let totals = try await resultTotals(level: unit.level, within: unit).first, totals.isComplete else {
            throw Refusal(.countIncomplete, "not every station in \(unit == .nation ? "the nation" : unit.rawValue) has an accepted form")
        }
        // A correction still open would change the figures being confirmed once it is accepted.
        if let open = try await formStatuses(within: unit).filter({ $0.value != .accepted }).keys.min() {
            throw Refusal(.countIncomplete, "station \(open) has a correction open; it must be accepted before \(unit == .nation ? "the nation" : unit.rawValue) is confirmed")
        }
        try await engine.withTransaction { tx in
            try await tx.sql.raw("""
                DELETE FROM result_confirmations WHERE level = \(bind: unit.level.rawValue) AND unit_code = \(bind: unit.rawValue)
                """).run()
            try await tx.sql.raw("""
                INSERT INTO result_confirmations (level, unit_code, official_id, confirmed_at)
                VALUES (\(bind: unit.level.rawValue), \(bind: unit.rawValue), \(bind: official.id.rawValue), \(bind: ISO8601.string(time)))
                """).run()
        }
    }

    public func publish(_ report: ResultsReport, by official: Official, at time: Date, signing: PublicationSigning) async throws -> Publication {
        try official.require(.publishResults, on: .nation)
        let content = try Publication.content(of: report)
        let digest = Canonical.digest(content)
        let signature = try signing(content)
        return try await engine.withTransaction { tx in
            let last = try await tx.sql.raw("SELECT MAX(number) AS n FROM publications").first()
            let number = try Rows.publicationNumber((try last?.decode(column: "n", as: Int?.self) ?? 0) + 1)
            let publication = Publication(
                number: number, publishedAt: time, publishedBy: official.name,
                stationsReported: report.national.stationsReported, stationsTotal: report.national.stationsTotal,
                official: report.national.isOfficial, digest: digest, content: content, signature: signature)
            try await tx.sql.raw("""
                INSERT INTO publications (number, published_at, official_id, stations_reported, stations_total, official, digest, content, signature)
                VALUES (\(bind: number.rawValue), \(bind: ISO8601.string(time)), \(bind: official.id.rawValue), \(bind: publication.stationsReported),
                    \(bind: publication.stationsTotal), \(bind: publication.official ? 1 : 0), \(bind: digest),
                    \(bind: String(decoding: content, as: UTF8.self)), \(bind: signature))
                """).run()
            return publication
        }
    }

    public func publications() async throws -> [Publication] {
        try await all("""
            SELECT p.number, p.published_at, o.name AS official_name, p.stations_reported, p.stations_total, p.official, p.digest,
                p.signature, '' AS content
            FROM publications p JOIN officials o ON o.id = p.official_id ORDER BY p.number DESC
            """, Rows.publication)
    }

    public func publication(_ number: PublicationNumber) async throws -> Publication {
        try await one("""
            SELECT p.*, o.name AS official_name FROM publications p JOIN officials o ON o.id = p.official_id
            WHERE p.number = \(bind: number.rawValue)
            """, Rows.publication, "publication", number.description)
    }
}

/// Reads versions of stations' forms with their entries and settled votes, a few queries for any
/// number of stations: the history of one station, or the latest versions of a group being written.
struct FormReader {
    let db: any SQLDatabase

    /// Every version of the station, oldest first.
    func versions(station: StationCode) async throws -> [ResultFormVersion] {
        try await load(db.raw(
            "SELECT * FROM result_forms WHERE station_code = \(bind: station.rawValue) ORDER BY version").all())
    }

    /// The latest version of each of these stations that has one, by station code.
    func latest(stations: some Collection<StationCode>) async throws -> [StationCode: ResultFormVersion] {
        var latest: [StationCode: ResultFormVersion] = [:]
        for chunk in stations.map(\.rawValue).chunked(500) {
            for form in try await load(db.raw("""
                SELECT f.* FROM result_forms f
                JOIN (SELECT station_code, MAX(version) AS latest FROM result_forms WHERE station_code IN \(list: chunk)
                      GROUP BY station_code) m ON m.station_code = f.station_code AND m.latest = f.version
                """).all()) {
                latest[form.stationCode] = form
            }
        }
        return latest
    }

    /// The versions of these `result_forms` rows, in their order, with entries and votes.
    private func load(_ rows: [any SQLRow]) async throws -> [ResultFormVersion] {
        guard !rows.isEmpty else { return [] }
        let keys = try rows.map { (try $0.decode(column: "station_code", as: String.self), try $0.decode(column: "version", as: Int.self)) }
        let wanted = Set(keys.map { "\($0.0) \($0.1)" })
        let stations = Array(Set(keys.map(\.0)))
        func key(_ row: any SQLRow) throws -> String? {
            let k = "\(try row.decode(column: "station_code", as: String.self)) \(try row.decode(column: "version", as: Int.self))"
            return wanted.contains(k) ? k : nil
        }
        var entryVotes: [String: [OfficialID: [PartyNumber: Int]]] = [:]
        for row in try await db.raw("SELECT * FROM result_entry_votes WHERE station_code IN \(list: stations)").all() {
            guard let k = try key(row) else { continue }
            entryVotes[k, default: [:]][OfficialID(rawValue: try row.decode(column: "official_id", as: Int.self)), default: [:]][
                try Rows.party(row, "party_id")] = try row.decode(column: "votes", as: Int.self)
        }
        var entries: [String: [ResultEntry]] = [:]
        for row in try await db.raw(
            "SELECT * FROM result_entries WHERE station_code IN \(list: stations) ORDER BY station_code, version, position"
        ).all() {
            guard let k = try key(row) else { continue }
            let official = OfficialID(rawValue: try row.decode(column: "official_id", as: Int.self))
            entries[k, default: []].append(ResultEntry(officialID: official, counts: try Rows.counts(row, votes: entryVotes[k]?[official] ?? [:])))
        }
        var votes: [String: [PartyNumber: Int]] = [:]
        for row in try await db.raw("SELECT * FROM result_form_votes WHERE station_code IN \(list: stations)").all() {
            guard let k = try key(row) else { continue }
            votes[k, default: [:]][try Rows.party(row, "party_id")] = try row.decode(column: "votes", as: Int.self)
        }
        return try zip(rows, keys).map { row, key in
            let k = "\(key.0) \(key.1)"
            guard let station = StationCode(rawValue: key.0) else { throw Rows.Malformed(column: "station_code", value: key.0) }
            return try Rows.formVersion(row, station: station, version: key.1, entries: entries[k] ?? [], votes: votes[k] ?? [:])
        }
    }
}

extension Rows {
    /// A `result_forms` row with its entries and settled votes.
    static func formVersion(
        _ row: any SQLRow, station: StationCode, version: Int, entries: [ResultEntry], votes: [PartyNumber: Int]
    ) throws -> ResultFormVersion {
        let status = try row.decode(column: "status", as: String.self)
        guard let parsed = FormStatus(rawValue: status) else { throw Malformed(column: "status", value: status) }
        let warnings = try row.decode(column: "warnings", as: String.self)
        let counts = try row.decode(column: "registered", as: Int?.self) == nil ? nil : try Rows.counts(row, votes: votes)
        return ResultFormVersion(
            stationCode: station, version: version, status: parsed,
            reason: try row.decode(column: "reason", as: String?.self), openedBy: try row.decode(column: "opened_by", as: Int?.self).map(OfficialID.init(rawValue:)),
            entries: entries, counts: counts, resolvedBy: try row.decode(column: "resolved_by", as: Int?.self).map(OfficialID.init(rawValue:)),
            warnings: warnings.split(separator: ",").map(String.init),
            acknowledgedBy: try row.decode(column: "acknowledged_by", as: Int?.self).map(OfficialID.init(rawValue:)))
    }

    /// The count columns of a result row, with the votes read beside it.
    static func counts(_ row: any SQLRow, votes: [PartyNumber: Int]) throws -> ResultCounts {
        ResultCounts(
            registeredVoters: try row.decode(column: "registered", as: Int.self),
            ballotsReceived: try row.decode(column: "received", as: Int.self),
            ballotsIssued: try row.decode(column: "issued", as: Int.self),
            ballotsInBox: try row.decode(column: "in_box", as: Int.self),
            spoiledBallots: try row.decode(column: "spoiled", as: Int.self),
            unusedBallots: try row.decode(column: "unused", as: Int.self),
            invalidBallots: try row.decode(column: "invalid", as: Int.self),
            votes: votes)
    }

    static func votes(_ rows: [any SQLRow]) throws -> [PartyNumber: Int] {
        var votes: [PartyNumber: Int] = [:]
        for row in rows { votes[try Rows.party(row, "party_id")] = try row.decode(column: "votes", as: Int.self) }
        return votes
    }

    /// A publication number as stored; below 1 the row is malformed.
    static func publicationNumber(_ value: Int) throws -> PublicationNumber {
        guard let number = PublicationNumber(rawValue: value) else { throw Malformed(column: "number", value: String(value)) }
        return number
    }

    static func publication(_ row: any SQLRow) throws -> Publication {
        Publication(
            number: try publicationNumber(try row.decode(column: "number", as: Int.self)),
            publishedAt: try ISO8601.date(try row.decode(column: "published_at", as: String.self)),
            publishedBy: try row.decode(column: "official_name", as: String.self),
            stationsReported: try row.decode(column: "stations_reported", as: Int.self),
            stationsTotal: try row.decode(column: "stations_total", as: Int.self),
            official: try row.decode(column: "official", as: Int.self) == 1,
            digest: try row.decode(column: "digest", as: String.self),
            content: Data(try row.decode(column: "content", as: String.self).utf8),
            signature: try row.decode(column: "signature", as: String?.self))
    }
}
