import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: TrainingStore {
    public func scheduleTraining(_ sessions: [TrainingSession], by official: Official?) async throws -> [TrainingSession] {
        for session in sessions {
            if let official { try official.require(.keepTraining, on: session.unit) }
            try session.requireHoldable()
        }
        return try await engine.withTransaction { tx in
            var stored: [TrainingSession] = []
            for session in sessions {
                guard let row = try await tx.sql.raw("""
                    INSERT INTO training_sessions (tier, province_code, title, day, starts, ends, place, trainers, scheduled_by)
                    VALUES (\(bind: session.tier.rawValue), \(bind: session.province?.rawValue), \(bind: session.title), \(bind: session.day.iso),
                        \(bind: session.starts.description), \(bind: session.ends.description), \(bind: session.place),
                        \(bind: session.trainers.joined(separator: "\n")), \(bind: official?.id.rawValue))
                    RETURNING id
                    """).first() else { throw StoreError.refused("the session was not stored") }
                var saved = session
                saved.id = try row.decode(column: "id", as: Int.self)
                stored.append(saved)
            }
            return stored
        }
    }

    public func trainingSessions(province: ProvinceCode?) async throws -> [TrainingSession] {
        try await trainingSessions(province: province, "")
    }

    public func trainingSessions(province: ProvinceCode?, page: ListPage) async throws -> [TrainingSession] {
        try await trainingSessions(province: province, page.sql)
    }

    private func trainingSessions(province: ProvinceCode?, _ page: SQLQueryString) async throws -> [TrainingSession] {
        let condition: SQLQueryString = province.map { "WHERE province_code = \(bind: $0.rawValue) OR province_code IS NULL" } ?? ""
        return try await all("SELECT * FROM training_sessions \(condition) ORDER BY day, starts, id \(page)", Self.trainingSession)
    }

    public func trainingSession(_ id: Int) async throws -> TrainingSession {
        try await one("SELECT * FROM training_sessions WHERE id = \(bind: id)", Self.trainingSession, "training session", String(id))
    }

    public func recordAttendance(session id: Int, members: [MemberSeat], by official: Official?) async throws -> Int {
        let session = try await trainingSession(id)
        if let official { try official.require(.keepTraining, on: session.unit) }
        guard !members.isEmpty else { return 0 }
        return try await engine.withTransaction { tx in
            var seated: [MemberSeat: Commission] = [:]
            for chunk in Array(Set(members.map(\.commission))).chunked(500) {
                for row in try await tx.sql.raw("""
                    SELECT m.commission_id, m.seat, c.level, c.unit_code, c.name_en, c.name_km
                    FROM commission_members m JOIN commissions c ON c.id = m.commission_id WHERE m.commission_id IN \(list: chunk)
                    """).all() {
                    let commission = Commission(
                        id: try Rows.text(row, "commission_id"), level: try Rows.choice(row, "level"), unitCode: try Rows.unit(row, "unit_code"),
                        nameEnglish: try Rows.text(row, "name_en"), nameKhmer: try Rows.text(row, "name_km"))
                    seated[MemberSeat(commission: commission.id, seat: try Rows.integer(row, "seat"))] = commission
                }
            }
            let refused = Set(members).filter { seated[$0].map(session.trains) != true }.sorted()
            guard refused.isEmpty else {
                throw Refusal(.outsideUnit, field: "members",
                              "not members of a commission this session trains: " + refused.prefix(10).map { "\($0.commission) seat \($0.seat)" }.joined(separator: ", "))
            }
            return try await tx.bulkInsertNew(
                into: "training_attendance", columns: ["session_id", "commission_id", "seat", "recorded_by"],
                rows: Set(members).sorted().map { [.integer(id), .text($0.commission), .integer($0.seat), official.map { .integer($0.id.rawValue) } ?? .null] })
        }
    }

    public func attendance(session id: Int) async throws -> [MemberSeat] {
        try await all("SELECT commission_id, seat FROM training_attendance WHERE session_id = \(bind: id) ORDER BY commission_id, seat") { row in
            MemberSeat(commission: try Rows.text(row, "commission_id"), seat: try Rows.integer(row, "seat"))
        }
    }

    public func trainingCoverage() async throws -> [TrainingCoverage] {
        try await all("""
            SELECT c.level, SUBSTR(c.unit_code, 1, 2) AS province, CAST(COUNT(*) AS BIGINT) AS members,
                CAST(SUM(CASE WHEN EXISTS (
                    SELECT 1 FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
                    WHERE a.commission_id = m.commission_id AND a.seat = m.seat AND s.tier = c.level) THEN 1 ELSE 0 END) AS BIGINT) AS trained
            FROM commission_members m JOIN commissions c ON c.id = m.commission_id
            GROUP BY c.level, SUBSTR(c.unit_code, 1, 2)
            ORDER BY c.level, province
            """) { row in
            TrainingCoverage(
                tier: try Rows.choice(row, "level"), province: ProvinceCode(rawValue: try Rows.text(row, "province")),
                members: try Rows.integer(row, "members"), trained: try Rows.integer(row, "trained"))
        }
    }

    private static func trainingSession(_ row: any SQLRow) throws -> TrainingSession {
        func time(_ column: String) throws -> ClockTime {
            let text = try Rows.text(row, column)
            guard let time = ClockTime(text) else { throw Rows.Malformed(column: column, value: text) }
            return time
        }
        return TrainingSession(
            id: try Rows.integer(row, "id"), tier: try Rows.choice(row, "tier"),
            province: try row.decode(column: "province_code", as: String?.self).flatMap(ProvinceCode.init(rawValue:)),
            title: try Rows.text(row, "title"), day: try Rows.date(row, "day"), starts: try time("starts"), ends: try time("ends"),
            place: try Rows.text(row, "place"), trainers: try Rows.text(row, "trainers").split(separator: "\n").map(String.init))
    }
}
