import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: ElectionDayStore {
    public func receive(_ reports: [StationReportSubmission], at instant: Date) async throws -> [Result<SubmissionReceipt.Outcome, any Error>] {
        let schedule = ElectionDaySchedule(try await election())
        let now = schedule.moment(instant)
        return try await engine.withTransaction { tx in
            let codes = Array(Set(reports.map(\.report.stationCode.rawValue)))
            var registered: [String: Int] = [:]
            var standing: [String: [(report: StationReport, digest: String)]] = [:]
            for chunk in codes.chunked(500) {
                for row in try await tx.sql.raw("SELECT code, registered_voters FROM polling_stations WHERE code IN \(list: chunk)").all() {
                    registered[try Rows.text(row, "code")] = try row.decode(column: "registered_voters", as: Int.self)
                }
                for row in try await tx.sql.raw("SELECT * FROM station_reports WHERE station_code IN \(list: chunk)").all() {
                    let report = try Rows.stationReport(row)
                    standing[report.stationCode.rawValue, default: []].append((report, try Rows.text(row, "digest")))
                }
            }
            var byID: [String: String] = [:]  // id → digest, of any station
            for chunk in reports.map(\.report.id).chunked(500) {
                for row in try await tx.sql.raw("SELECT id, digest FROM station_reports WHERE id IN \(list: chunk)").all() {
                    byID[try Rows.text(row, "id")] = try Rows.text(row, "digest")
                }
            }
            let receivedAt = ISO8601.string(instant)
            var rows: [[BulkValue]] = [], outcomes: [Result<SubmissionReceipt.Outcome, any Error>] = []
            var counts = DayCounts()
            for submission in reports {
                let report = submission.report, code = report.stationCode.rawValue
                do {
                    var reportedBy = BulkValue.null, channel = "scenario"
                    if case .official(let official, let via) = submission.reporter {
                        try official.require(.reportFromStation, on: .station(report.stationCode))
                        (reportedBy, channel) = (.integer(official.id.rawValue), via)
                    }
                    guard let voters = registered[code] else { throw StoreError.notFound("polling station", code) }
                    let digest = try Self.digest(report)
                    if let earlier = byID[report.id] {
                        guard earlier == digest else { throw SubmissionConflict(id: report.id) }
                        outcomes.append(.success(.repeated))
                        continue
                    }
                    let earlier = standing[code] ?? []
                    if let inSlot = earlier.first(where: { $0.report.slot == report.slot }) {
                        guard inSlot.digest == digest else {
                            throw StationReportRefusal(.slotTaken, field: report.kind == .turnout ? "voted" : "time", limit: inSlot.report.time.description)
                        }
                        outcomes.append(.success(.repeated))
                        continue
                    }
                    try report.requireAllowed(schedule, now: now, registered: voters, earlier: earlier.map(\.report))
                    standing[code, default: []].append((report, digest))
                    byID[report.id] = digest
                    rows.append([
                        .text(report.id), .text(code), .text(report.slot), .text(report.kind.rawValue), .text(report.time.description),
                        report.staffPresent.map(BulkValue.integer) ?? .null, report.materialsComplete.map { .integer($0 ? 1 : 0) } ?? .null,
                        report.voted.map(BulkValue.integer) ?? .null, report.inLine.map(BulkValue.integer) ?? .null,
                        .optional(report.category?.rawValue), .text(report.note), .text(digest), reportedBy, .text(channel), .text(receivedAt),
                    ])
                    counts.add(report, registered: voters, lateAfter: schedule.lateAfter)
                    outcomes.append(.success(.stored))
                } catch {
                    outcomes.append(.failure(error))
                }
            }
            try await tx.bulkInsert(
                into: "station_reports",
                columns: ["id", "station_code", "slot", "kind", "time", "staff_present", "materials_complete", "voted", "in_line",
                          "category", "note", "digest", "reported_by", "channel", "received_at"],
                rows: rows)
            try await counts.write(in: tx)
            return outcomes
        }
    }

    /// A report's content without the phone's id: two officials of a station sending the same
    /// opening are one report; other figures for the same slot are a conflict.
    private static func digest(_ report: StationReport) throws -> String {
        var content = report
        content.id = ""
        return Canonical.digest(Data(try Canonical.text(content).utf8))
    }

    public func stationReports(of station: StationCode) async throws -> [StationReport] {
        try await all("SELECT * FROM station_reports WHERE station_code = \(bind: station.rawValue)") { try Rows.stationReport($0) }
            .sorted { ($0.time, $0.dayOrder, $0.id) < ($1.time, $1.dayOrder, $1.id) }
    }

    public func electionDayTallies(within unit: UnitCode, at level: ResultLevel) async throws -> [ElectionDayTally] {
        let schedule = ElectionDaySchedule(try await election())
        let length = String(level.codeLength), prefix = unit.rawValue + "%"
        return try await engine.read { db in
            var tallies: [String: ElectionDayTally] = [:]
            for row in try await db.raw("""
                SELECT substr(code, 1, \(unsafeRaw: length)) AS unit, COUNT(*) AS stations, SUM(registered_voters) AS registered
                FROM polling_stations WHERE code LIKE \(bind: prefix) GROUP BY substr(code, 1, \(unsafeRaw: length))
                """).all() {
                let code = try Rows.text(row, "unit")
                guard let unit = UnitCode(rawValue: code) else { throw Rows.Malformed(column: "code", value: code) }
                tallies[code] = ElectionDayTally(
                    unit: unit, stations: try row.decode(column: "stations", as: Int.self),
                    registered: try row.decode(column: "registered", as: Int?.self) ?? 0)
            }
            // Provinces and communes from the counts kept by commune; a commune's stations from their reports.
            let counted: SQLQueryString = level == .station
                ? """
                    SELECT r.station_code AS unit, r.kind, CASE WHEN r.kind = 'incident' THEN r.category
                        WHEN r.kind = 'turnout' THEN r.time ELSE '' END AS what, COUNT(*) AS reports,
                        SUM(COALESCE(r.voted, 0)) AS voted, SUM(CASE WHEN r.kind = 'turnout' THEN s.registered_voters ELSE 0 END) AS registered,
                        SUM(CASE WHEN r.kind = 'opening' AND r.time > \(bind: schedule.lateAfter.description) THEN 1 ELSE 0 END) AS late,
                        SUM(COALESCE(r.in_line, 0)) AS in_line
                    FROM station_reports r JOIN polling_stations s ON s.code = r.station_code
                    WHERE s.commune_code = \(bind: unit.rawValue)
                    GROUP BY r.station_code, r.kind, CASE WHEN r.kind = 'incident' THEN r.category WHEN r.kind = 'turnout' THEN r.time ELSE '' END
                    """
                : """
                    SELECT substr(commune_code, 1, \(unsafeRaw: length)) AS unit, kind, what, CAST(SUM(reports) AS BIGINT) AS reports,
                        CAST(SUM(voted) AS BIGINT) AS voted, CAST(SUM(registered) AS BIGINT) AS registered, CAST(SUM(late) AS BIGINT) AS late,
                        CAST(SUM(in_line) AS BIGINT) AS in_line
                    FROM election_day_counts WHERE commune_code LIKE \(bind: prefix)
                    GROUP BY substr(commune_code, 1, \(unsafeRaw: length)), kind, what
                    """
            for row in try await db.raw("""
                SELECT substr(station_code, 1, \(unsafeRaw: length)) AS unit, CAST(SUM(officers) AS BIGINT) AS police FROM station_police
                WHERE station_code LIKE \(bind: prefix) GROUP BY substr(station_code, 1, \(unsafeRaw: length))
                """).all() {
                tallies[try Rows.text(row, "unit")]?.police = try row.decode(column: "police", as: Int.self)
            }
            var turnout: [String: [ElectionDayTally.Turnout]] = [:], incidents: [String: [StationReport.IncidentCategory: Int]] = [:]
            for row in try await db.raw(counted).all() {
                let code = try Rows.text(row, "unit"), what = try Rows.text(row, "what")
                let n = try row.decode(column: "reports", as: Int.self)
                guard tallies[code] != nil else { continue }
                switch try Rows.text(row, "kind") {
                case "opening":
                    tallies[code]!.opened += n
                    tallies[code]!.openedLate += try row.decode(column: "late", as: Int.self)
                case "closing":
                    tallies[code]!.closed += n
                    tallies[code]!.inLineAtClosing += try row.decode(column: "in_line", as: Int.self)
                case "turnout":
                    guard let time = ClockTime(what) else { throw Rows.Malformed(column: "time", value: what) }
                    turnout[code, default: []].append(.init(
                        time: time, stations: n, registered: try row.decode(column: "registered", as: Int.self),
                        voted: try row.decode(column: "voted", as: Int.self)))
                default:
                    guard let category = StationReport.IncidentCategory(rawValue: what) else { throw Rows.Malformed(column: "category", value: what) }
                    incidents[code, default: [:]][category, default: 0] += n
                }
            }
            return tallies.keys.sorted().map { code in
                var parts = tallies[code]!
                parts.turnout = turnout[code] ?? []
                parts.incidents = incidents[code].map { i in i.map { .init(category: $0.key, count: $0.value) } } ?? []
                return ElectionDayTally.sum([parts], as: parts.unit, times: schedule.turnoutTimes)
            }
        }
    }

    public func stationsNeedingAttention(
        _ kind: ElectionDayAlert.Kind, time: ClockTime?, within unit: UnitCode, limit: Int
    ) async throws -> [StationCode] {
        let schedule = ElectionDaySchedule(try await election())
        let prefix = unit.rawValue + "%"
        let query: SQLQueryString = switch kind {
        case .notOpened: """
            SELECT s.code FROM polling_stations s WHERE s.code LIKE \(bind: prefix)
            AND NOT EXISTS (SELECT 1 FROM station_reports r WHERE r.station_code = s.code AND r.slot = 'opening')
            """
        case .openedLate: """
            SELECT station_code AS code FROM station_reports
            WHERE slot = 'opening' AND time > \(bind: schedule.lateAfter.description) AND station_code LIKE \(bind: prefix)
            """
        case .noTurnout: """
            SELECT r.station_code AS code FROM station_reports r WHERE r.slot = 'opening' AND r.station_code LIKE \(bind: prefix)
            AND NOT EXISTS (SELECT 1 FROM station_reports t WHERE t.station_code = r.station_code AND t.slot = \(bind: "turnout-\(time?.description ?? "")"))
            """
        }
        return try await all("\(query) ORDER BY code LIMIT \(unsafeRaw: String(max(0, limit)))") { try Rows.code($0, "code", as: StationCode.self) }
    }

    public func publishTurnout(at time: ClockTime, by official: Official, at instant: Date) async throws -> TurnoutPublication {
        try official.require(.publishTurnout, on: .nation)
        let schedule = ElectionDaySchedule(try await election())
        try TurnoutPublication.requirePublishable(time, schedule, now: schedule.moment(instant))
        let publication = TurnoutPublication(
            time: time, publishedAt: instant, provinces: try await snapshot { try await $0.electionDayTallies(within: .nation, at: .province) })
        let figures = String(decoding: try JSONEncoder().encode(publication), as: UTF8.self)
        try await engine.withTransaction { tx in
            try await tx.sql.raw("DELETE FROM turnout_publications WHERE slot = \(bind: time.description)").run()
            try await tx.sql.raw("""
                INSERT INTO turnout_publications (slot, published_at, published_by, figures)
                VALUES (\(bind: time.description), \(bind: ISO8601.string(instant)), \(bind: official.id.rawValue), \(bind: figures))
                """).run()
        }
        return publication
    }

    public func assignPolice(_ officers: [StationCode: Int], by official: Official?, at instant: Date) async throws {
        if let official {
            for station in officers.keys.sorted() { try official.require(.assignPolice, on: .station(station)) }
        }
        let setAt = ISO8601.string(instant), by = official.map { BulkValue.integer($0.id.rawValue) } ?? .null
        try await engine.withTransaction { tx in
            let codes = officers.keys.map(\.rawValue).sorted()
            var known = Set<String>()
            for chunk in codes.chunked(500) {
                for row in try await tx.sql.raw("SELECT code FROM polling_stations WHERE code IN \(list: Array(chunk))").all() {
                    known.insert(try Rows.text(row, "code"))
                }
                try await tx.sql.raw("DELETE FROM station_police WHERE station_code IN \(list: Array(chunk))").run()
            }
            if let unknown = codes.first(where: { !known.contains($0) }) { throw StoreError.notFound("polling station", unknown) }
            try await tx.bulkInsert(
                into: "station_police", columns: ["station_code", "officers", "set_by", "set_at"],
                rows: officers.sorted { $0.key < $1.key }.map { [.text($0.key.rawValue), .integer($0.value), by, .text(setAt)] })
        }
    }

    public func police(at station: StationCode) async throws -> Int {
        try await all("SELECT officers FROM station_police WHERE station_code = \(bind: station.rawValue)") {
            try $0.decode(column: "officers", as: Int.self)
        }.first ?? 0
    }

    public func turnoutPublications() async throws -> [TurnoutPublication] {
        try await all("SELECT figures FROM turnout_publications ORDER BY slot") {
            try JSONDecoder().decode(TurnoutPublication.self, from: Data(try Rows.text($0, "figures").utf8))
        }
    }
}

/// What a group of stored reports adds to the counts kept by commune (`election_day_counts`).
struct DayCounts {
    struct Key: Hashable {
        let commune: String, kind: String, what: String
    }
    struct Sums {
        var reports = 0, voted = 0, registered = 0, late = 0, inLine = 0
    }
    private(set) var sums: [Key: Sums] = [:]

    mutating func add(_ report: StationReport, registered: Int, lateAfter: ClockTime) {
        let what: String = switch report.kind {
        case .turnout: report.time.description
        case .incident: report.category?.rawValue ?? ""
        case .opening, .closing: ""
        }
        let key = Key(commune: report.stationCode.commune.rawValue, kind: report.kind.rawValue, what: what)
        var sum = sums[key] ?? Sums()
        sum.reports += 1
        sum.voted += report.voted ?? 0
        sum.registered += report.kind == .turnout ? registered : 0
        sum.late += report.kind == .opening && report.time > lateAfter ? 1 : 0
        sum.inLine += report.inLine ?? 0
        sums[key] = sum
    }

    /// Adds the sums to the stored counts, in the writing transaction.
    func write(in tx: any SQLTransaction) async throws {
        try await tx.sql.addToTotals(
            "election_day_counts", keys: ["commune_code", "kind", "what"], sums: ["reports", "voted", "registered", "late", "in_line"],
            rows: sums.sorted(by: { ($0.key.commune, $0.key.kind, $0.key.what) < ($1.key.commune, $1.key.kind, $1.key.what) }).map { key, sum in
                [key.commune, key.kind, key.what, sum.reports, sum.voted, sum.registered, sum.late, sum.inLine]
            })
    }
}

extension Rows {
    static func stationReport(_ row: any SQLRow) throws -> StationReport {
        let kind = try text(row, "kind"), category = try row.decode(column: "category", as: String?.self)
        guard let kind = StationReport.Kind(rawValue: kind) else { throw Malformed(column: "kind", value: kind) }
        return StationReport(
            id: try text(row, "id"), stationCode: try code(row, "station_code"), kind: kind, time: try clock(row, "time"),
            staffPresent: try row.decode(column: "staff_present", as: Int?.self),
            materialsComplete: try row.decode(column: "materials_complete", as: Int?.self).map { $0 != 0 },
            voted: try row.decode(column: "voted", as: Int?.self), inLine: try row.decode(column: "in_line", as: Int?.self),
            category: try category.map { c in
                guard let value = StationReport.IncidentCategory(rawValue: c) else { throw Malformed(column: "category", value: c) }
                return value
            },
            note: try text(row, "note"))
    }
}

extension ResultLevel {
    /// How many leading digits of a station code name the unit at this level.
    var codeLength: Int {
        switch self {
        case .national: 0
        case .province: 2
        case .commune: 6
        case .station: 9
        }
    }
}
