import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: CommissionStore {
    public func commissionSizes() async throws -> [CommissionLevel: ClosedRange<Int>] {
        let rows = try await all("SELECT * FROM commission_sizes") { row -> (CommissionLevel, ClosedRange<Int>) in
            let text = try Rows.text(row, "level")
            guard let level = CommissionLevel(rawValue: text) else { throw Rows.Malformed(column: "level", value: text) }
            return (level, try Rows.integer(row, "minimum")...max(try Rows.integer(row, "minimum"), try Rows.integer(row, "maximum")))
        }
        return Dictionary(uniqueKeysWithValues: rows)
    }

    public func appointMember(_ appointment: Appointment, reason: String, by official: Official, at time: Date) async throws -> CommissionMember {
        try official.require(.keepCommissions, on: .nation)
        let sizes = try await commissionSizes()
        return try await engine.withTransaction { tx in
            // Locked until this appointment commits, so that two at once neither take one seat nor
            // together pass the tier's largest size.
            let commission = try await Self.commission(appointment.commissionID, locking: true, in: tx)
            let members = try await Self.members(of: commission.id, in: tx)
            let number = appointment.voterNumber
            let voter = try await tx.sql.raw("SELECT * FROM voters WHERE voter_number = \(bind: number.value)").first().map(Rows.voter)
            let elsewhere = try await tx.sql.raw("SELECT seat FROM commission_members WHERE voter_number = \(bind: number.description)").first()
            let candidate = try await tx.sql.raw("SELECT party_id FROM candidates WHERE voter_number = \(bind: number.description)").first()
            let broken = CommissionCheck.appointing(
                appointment, members: members, allowed: sizes[commission.level], voter: voter, seatElsewhere: elsewhere != nil,
                isCandidate: candidate != nil)
            guard broken.isEmpty, let voter else { throw CommissionProblems(broken, allowed: sizes[commission.level]) }
            // A seat once held is not given again, so the history names one person per seat.
            let lastRecorded = try await tx.sql.raw("SELECT MAX(seat) AS seat FROM commission_changes WHERE commission_id = \(bind: commission.id)")
                .first().flatMap { try $0.decode(column: "seat", as: Int?.self) } ?? 0
            let member = CommissionMember(
                commissionID: commission.id, seat: max(members.map(\.seat).max() ?? 0, lastRecorded) + 1, role: appointment.role, name: voter.name,
                sex: voter.sex, voterNumber: number)
            try await tx.bulkInsert(into: "commission_members", columns: Self.memberColumns, rows: [Self.memberRow(member)])
            try await Self.record(.init(commissionID: commission.id, seat: member.seat, action: .appointed, role: member.role, name: member.name,
                                        reason: reason, officialName: official.name, recordedAt: time), by: official, in: tx)
            return member
        }
    }

    public func removeMember(commission id: String, seat: Int, reason: String, by official: Official, at time: Date) async throws -> CommissionChange {
        try official.require(.keepCommissions, on: .nation)
        try Self.requireReason(reason)
        let sizes = try await commissionSizes()
        return try await engine.withTransaction { tx in
            let commission = try await Self.commission(id, locking: true, in: tx)
            let members = try await Self.members(of: id, in: tx)
            guard let member = members.first(where: { $0.seat == seat }) else { throw StoreError.notFound("commission member", "\(id) seat \(seat)") }
            let broken = CommissionCheck.removing(members: members, allowed: sizes[commission.level])
            guard broken.isEmpty else { throw CommissionProblems(broken, allowed: sizes[commission.level]) }
            try await tx.sql.raw("DELETE FROM commission_members WHERE commission_id = \(bind: id) AND seat = \(bind: seat)").run()
            let change = CommissionChange(
                commissionID: id, seat: seat, action: .removed, role: member.role, name: member.name, reason: reason, officialName: official.name,
                recordedAt: time)
            try await Self.record(change, by: official, in: tx)
            return change
        }
    }

    public func commissionChanges(of id: String) async throws -> [CommissionChange] {
        try await all("""
            SELECT c.*, o.name AS official_name FROM commission_changes c JOIN officials o ON o.id = c.official_id
            WHERE c.commission_id = \(bind: id) ORDER BY c.id
            """) { row in
            CommissionChange(
                commissionID: id, seat: try Rows.integer(row, "seat"),
                action: CommissionChange.Action(rawValue: try Rows.text(row, "action")) ?? .appointed,
                role: CommissionRole(rawValue: try Rows.text(row, "role")) ?? .member,
                name: PersonName(khmer: try Rows.text(row, "name_km"), latin: try Rows.text(row, "name_latin")),
                reason: try Rows.text(row, "reason"), officialName: try Rows.text(row, "official_name"),
                recordedAt: try ISO8601.date(try Rows.text(row, "recorded_at")))
        }
    }

    private static func commission(_ id: String, locking: Bool, in tx: any SQLTransaction) async throws -> Commission {
        let lock = locking && tx.dialect == .postgres ? " FOR UPDATE" : ""
        guard let row = try await tx.sql.raw("SELECT * FROM commissions WHERE id = \(bind: id)\(unsafeRaw: lock)").first() else {
            throw StoreError.notFound("commission", id)
        }
        return try Rows.commission(row)
    }

    private static func members(of id: String, in tx: any SQLTransaction) async throws -> [CommissionMember] {
        try await tx.sql.raw("SELECT * FROM commission_members WHERE commission_id = \(bind: id) ORDER BY seat").all().map(Rows.commissionMember)
    }

    /// Records a member's removal (when their station is retired).
    static func recordRemoval(_ member: CommissionMember, reason: String, by official: Official, at time: Date, in tx: any SQLTransaction) async throws {
        try await record(.init(commissionID: member.commissionID, seat: member.seat, action: .removed, role: member.role, name: member.name,
                               reason: reason, officialName: official.name, recordedAt: time), by: official, in: tx)
    }

    private static func record(_ change: CommissionChange, by official: Official, in tx: any SQLTransaction) async throws {
        try await tx.sql.raw("""
            INSERT INTO commission_changes (commission_id, seat, action, role, name_km, name_latin, reason, official_id, recorded_at)
            VALUES (\(bind: change.commissionID), \(bind: change.seat), \(bind: change.action.rawValue), \(bind: change.role.rawValue),
                    \(bind: change.name.khmer), \(bind: change.name.latin), \(bind: change.reason), \(bind: official.id.rawValue),
                    \(bind: ISO8601.string(change.recordedAt)))
            """).run()
    }
}
