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
            .sorted { ($0.time, $0.kind.order, $0.id) < ($1.time, $1.kind.order, $1.id) }
    }

    public func electionDayTallies(within unit: UnitCode, at level: ResultLevel) async throws -> [ElectionDayTally] {
        let schedule = ElectionDaySchedule(try await election())
        let length = level.codeLength, prefix = unit.rawValue + "%", late = schedule.lateAfter.description
        return try await engine.read { db in
            var tallies: [String: ElectionDayTally] = [:]
            for row in try await db.raw("""
                SELECT substr(code, 1, \(unsafeRaw: String(length))) AS unit, COUNT(*) AS stations, SUM(registered_voters) AS registered
                FROM polling_stations WHERE code LIKE \(bind: prefix) GROUP BY substr(code, 1, \(unsafeRaw: String(length)))
                """).all() {
                let code = try Rows.text(row, "unit")
                guard let unit = UnitCode(rawValue: code) else { throw Rows.Malformed(column: "code", value: code) }
                tallies[code] = ElectionDayTally(
                    unit: unit, stations: try row.decode(column: "stations", as: Int.self),
                    registered: try row.decode(column: "registered", as: Int?.self) ?? 0)
            }
            var turnout: [String: [ElectionDayTally.Turnout]] = [:], incidents: [String: [StationReport.IncidentCategory: Int]] = [:]
            for row in try await db.raw("""
                SELECT substr(r.station_code, 1, \(unsafeRaw: String(length))) AS unit, r.kind,
                    CASE WHEN r.kind = 'incident' THEN r.category ELSE r.time END AS what, COUNT(*) AS n,
                    SUM(COALESCE(r.voted, 0)) AS voted, SUM(COALESCE(r.in_line, 0)) AS in_line, SUM(s.registered_voters) AS registered,
                    SUM(CASE WHEN r.kind = 'opening' AND r.time > \(bind: late) THEN 1 ELSE 0 END) AS late
                FROM station_reports r JOIN polling_stations s ON s.code = r.station_code
                WHERE r.station_code LIKE \(bind: prefix)
                GROUP BY substr(r.station_code, 1, \(unsafeRaw: String(length))), r.kind,
                    CASE WHEN r.kind = 'incident' THEN r.category ELSE r.time END
                """).all() {
                let code = try Rows.text(row, "unit"), what = try row.decode(column: "what", as: String?.self) ?? ""
                let n = try row.decode(column: "n", as: Int.self)
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

    public func electionDayAlerts(within unit: UnitCode, at instant: Date) async throws -> [ElectionDayAlert] {
        let schedule = ElectionDaySchedule(try await election())
        let due = schedule.dueAlerts(at: schedule.moment(instant))
        let prefix = unit.rawValue + "%", late = schedule.lateAfter.description
        return try await engine.read { db in
            func stations(_ query: SQLQueryString) async throws -> (count: Int, first: [StationCode]) {
                let count = try await db.raw("SELECT COUNT(*) AS n FROM (\(query)) AS alert").first()?.decode(column: "n", as: Int.self) ?? 0
                let first = try await db.raw("\(query) ORDER BY code LIMIT \(unsafeRaw: String(ElectionDayAlert.listed))").all()
                    .map { try Rows.code($0, "code", as: StationCode.self) }
                return (count, first)
            }
            var alerts: [ElectionDayAlert] = []
            if due.notOpened {
                let (count, first) = try await stations("""
                    SELECT s.code FROM polling_stations s WHERE s.code LIKE \(bind: prefix)
                    AND NOT EXISTS (SELECT 1 FROM station_reports r WHERE r.station_code = s.code AND r.slot = 'opening')
                    """)
                if count > 0 { alerts.append(.init(kind: .notOpened, count: count, stations: first)) }
            }
            let (count, first) = try await stations("""
                SELECT station_code AS code FROM station_reports
                WHERE slot = 'opening' AND time > \(bind: late) AND station_code LIKE \(bind: prefix)
                """)
            if count > 0 { alerts.append(.init(kind: .openedLate, count: count, stations: first)) }
            for time in due.turnoutTimes {
                let (count, first) = try await stations("""
                    SELECT r.station_code AS code FROM station_reports r WHERE r.slot = 'opening' AND r.station_code LIKE \(bind: prefix)
                    AND NOT EXISTS (SELECT 1 FROM station_reports t WHERE t.station_code = r.station_code AND t.slot = \(bind: "turnout-\(time)"))
                    """)
                if count > 0 { alerts.append(.init(kind: .noTurnout, time: time, count: count, stations: first)) }
            }
            return alerts
        }
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

    public func turnoutPublications() async throws -> [TurnoutPublication] {
        try await all("SELECT figures FROM turnout_publications ORDER BY slot") {
            try JSONDecoder().decode(TurnoutPublication.self, from: Data(try Rows.text($0, "figures").utf8))
        }
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

extension StationReport.Kind {
    /// Reports at the same time go in the order of the day: opening, turnout, incident, closing.
    var order: Int {
        switch self {
        case .opening: 0
        case .turnout: 1
        case .incident: 2
        case .closing: 3
        }
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
