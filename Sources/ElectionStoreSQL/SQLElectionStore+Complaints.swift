import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: ComplaintStore {
    public func lodgeComplaint(_ draft: ComplaintDraft, evidence: [[UInt8]], by caller: Official?, at time: Date) async throws -> Complaint {
        if let caller { try caller.require(.takeCalls, on: .nation) }
        if let letters = draft.referenceLetters, !ComplaintReference.areLetters(letters) {
            throw Refusal(.wrongState, field: "referenceLetters", "\(letters) are not four letters of a reference")
        }
        guard evidence.count <= ComplaintEvidence.maximumFiles, evidence.allSatisfy({ ComplaintEvidence.problem(with: $0) == nil }) else {
            throw Refusal(.wrongState, field: "evidence", "evidence must be at most \(ComplaintEvidence.maximumFiles) JPEG, PNG or PDF files")
        }
        let day = try await election().localDay(at: time)
        let receipt = Complaint.receipt(draft.category, area: draft.area, at: time, day: day)
        let id = try await engine.withTransaction { tx in
            if let mission = draft.missionID, let incident = draft.incidentID {
                if try await tx.sql.raw("""
                    SELECT 1 AS found FROM complaints WHERE mission_id = \(bind: mission.rawValue) AND incident_id = \(bind: incident)
                    """).first() != nil {
                    throw StoreError.duplicate("complaint", "\(mission) incident \(incident)")
                }
                try await tx.sql.raw("""
                    UPDATE incidents SET status = \(bind: Incident.Status.followedUp.rawValue)
                    WHERE id = \(bind: incident) AND mission_id = \(bind: mission.rawValue)
                    """).run()
            }
            guard let row = try await tx.sql.raw("""
                INSERT INTO complaints (reference, category, channel, area, place, description, complainant_name, complainant_phone,
                    received_at, handling_unit, lodged_by, mission_id, incident_id)
                VALUES (\(bind: "pending-" + UUID().uuidString), \(bind: draft.category.rawValue), \(bind: draft.channel.rawValue),
                    \(bind: draft.area.rawValue), \(bind: draft.place), \(bind: draft.description), \(bind: draft.complainant.name),
                    \(bind: draft.complainant.phone), \(bind: ISO8601.string(time)), \(bind: receipt.unit.rawValue),
                    \(bind: caller?.id.rawValue), \(bind: draft.missionID?.rawValue), \(bind: draft.incidentID))
                RETURNING id
                """).first() else { throw StoreError.refused("the complaint was not stored") }
            let id = try row.decode(column: "id", as: Int.self)
            var generator = SystemRandomNumberGenerator()
            let reference = ComplaintReference.make(id: id, letters: draft.referenceLetters ?? ComplaintReference.letters(using: &generator))
            try await tx.sql.raw("UPDATE complaints SET reference = \(bind: reference) WHERE id = \(bind: id)").run()
            try await Self.addStep(receipt, complaint: id, by: caller, in: tx.sql)
            for (index, bytes) in evidence.enumerated() {
                let data = Data(bytes)
                try await tx.sql.raw("""
                    INSERT INTO complaint_evidence (complaint_id, number, type, byte_count, sha256, bytes)
                    VALUES (\(bind: id), \(bind: index + 1), \(bind: ComplaintEvidence.FileType(sniffing: bytes)!.rawValue), \(bind: bytes.count),
                        \(bind: Canonical.digest(data)), \(bind: data))
                    """).run()
            }
            return id
        }
        return try await complaint(id: id)
    }

    public func complaint(reference: String) async throws -> Complaint {
        guard let complaint = try await engine.read({ db in
            try await Self.complaints(in: db, where: "WHERE c.reference = \(bind: reference)")
        }).first else { throw StoreError.notFound("complaint", reference) }
        return complaint
    }

    public func complaint(id: Int) async throws -> Complaint {
        guard let complaint = try await engine.read({ db in try await Self.complaints(in: db, where: "WHERE c.id = \(bind: id)") }).first else {
            throw StoreError.notFound("complaint", String(id))
        }
        return complaint
    }

    public func complaints(within unit: UnitCode) async throws -> [Complaint] {
        try await engine.read { db in
            try await Self.complaints(in: db, where: unit == .nation ? "" : "WHERE c.handling_unit LIKE \(bind: unit.rawValue + "%")")
        }.sorted { $0.id > $1.id }
    }

    public func complaints(within unit: UnitCode, page: ListPage) async throws -> [Complaint] {
        let within: SQLQueryString = unit == .nation ? "" : "WHERE handling_unit LIKE \(bind: unit.rawValue + "%")"
        let ids: [Int] = try await all("SELECT id FROM complaints \(within) ORDER BY id DESC \(page.sql)") { try Rows.integer($0, "id") }
        guard !ids.isEmpty else { return [] }
        let found: [Complaint] = try await engine.read { db in try await Self.complaints(in: db, where: "WHERE c.id IN \(list: ids)") }
        return found.sorted { $0.id > $1.id }
    }

    public func evidence(ofComplaint id: Int) async throws -> [ComplaintEvidence] {
        try await all("SELECT number, type, byte_count, sha256 FROM complaint_evidence WHERE complaint_id = \(bind: id) ORDER BY number") {
            try Self.evidence($0)
        }
    }

    public func evidenceFile(ofComplaint id: Int, number: Int, by official: Official) async throws -> (ComplaintEvidence, [UInt8]) {
        try official.requireHandling(try await complaint(id: id))
        guard let row = try await engine.read({ db in
            try await db.raw("SELECT * FROM complaint_evidence WHERE complaint_id = \(bind: id) AND number = \(bind: number)").first()
        }) else { throw StoreError.notFound("evidence", "\(id)/\(number)") }
        return (try Self.evidence(row), [UInt8](try row.decode(column: "bytes", as: Data.self)))
    }

    public func setHearing(ofComplaint id: Int, at hearingAt: Date, place: String, by official: Official?, now: Date) async throws -> Complaint {
        let day = try await election().localDay(at: now)
        try await engine.withTransaction { tx in
            let complaint = try await Self.lockedComplaint(id, in: tx.sql)
            try complaint.requireHearing(at: hearingAt, by: official)
            try await Self.addStep(
                ComplaintStep(kind: .hearing, at: now, day: day, unit: complaint.handlingUnit, hearingAt: hearingAt, hearingPlace: place),
                complaint: id, by: official, in: tx.sql)
        }
        return try await complaint(id: id)
    }

    public func decideComplaint(_ id: Int, _ outcome: ComplaintOutcome, reasons: String, by official: Official?, at time: Date) async throws -> Complaint {
        let day = try await election().localDay(at: time)
        try await engine.withTransaction { tx in
            let complaint = try await Self.lockedComplaint(id, in: tx.sql)
            try complaint.requireDecision(reasons: reasons, by: official)
            try await Self.addStep(
                ComplaintStep(kind: .decision, at: time, day: day, unit: complaint.handlingUnit, outcome: outcome, reasons: reasons),
                complaint: id, by: official, in: tx.sql)
        }
        return try await complaint(id: id)
    }

    public func appealComplaint(reference: String, phone: String, reasons: String, at time: Date) async throws -> Complaint {
        let day = try await election().localDay(at: time)
        let id = try await engine.withTransaction { tx in
            guard let row = try await tx.sql.raw("SELECT id FROM complaints WHERE reference = \(bind: reference)").first() else {
                throw StoreError.notFound("complaint", reference)
            }
            let id = try row.decode(column: "id", as: Int.self)
            let complaint = try await Self.lockedComplaint(id, in: tx.sql)
            let above = try complaint.requireAppeal(phone: phone, reasons: reasons, on: day)
            try await Self.addStep(
                ComplaintStep(kind: .appeal, at: time, day: day, unit: above, decideBy: day.adding(days: complaint.category.daysToDecide),
                              reasons: reasons),
                complaint: id, by: nil, in: tx.sql)
            try await tx.sql.raw("UPDATE complaints SET handling_unit = \(bind: above.rawValue) WHERE id = \(bind: id)").run()
            return id
        }
        return try await complaint(id: id)
    }

    public func complaintStatistics(on today: CalendarDate) async throws -> ComplaintStatistics {
        ComplaintStatistics(try await complaints(within: .nation), on: today)
    }

    /// The complaint, read inside the transaction that changes it; on PostgreSQL its row is locked
    /// first, so that two decisions cannot both find it undecided.
    private static func lockedComplaint(_ id: Int, in db: any SQLDatabase) async throws -> Complaint {
        if db.dialect.name == "postgresql" {
            _ = try await db.raw("SELECT id FROM complaints WHERE id = \(bind: id) FOR UPDATE").first()
        }
        guard let complaint = try await complaints(in: db, where: "WHERE c.id = \(bind: id)").first else {
            throw StoreError.notFound("complaint", String(id))
        }
        return complaint
    }

    private static func addStep(_ step: ComplaintStep, complaint id: Int, by official: Official?, in db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO complaint_steps (complaint_id, number, kind, at, day, unit, decide_by, hearing_at, hearing_place, outcome, reasons, recorded_by)
            SELECT \(bind: id), COALESCE(MAX(number), 0) + 1, \(bind: step.kind.rawValue), \(bind: ISO8601.string(step.at)), \(bind: step.day.iso),
                \(bind: step.unit.rawValue), \(bind: step.decideBy?.iso), \(bind: step.hearingAt.map(ISO8601.string)), \(bind: step.hearingPlace),
                \(bind: step.outcome?.rawValue), \(bind: step.reasons), \(bind: official?.id.rawValue)
            FROM complaint_steps WHERE complaint_id = \(bind: id)
            """).run()
    }

    private static func evidence(_ row: any SQLRow) throws -> ComplaintEvidence {
        ComplaintEvidence(
            number: try Rows.integer(row, "number"), type: try Rows.choice(row, "type"), byteCount: try Rows.integer(row, "byte_count"), sha256: try Rows.text(row, "sha256"))
    }

    /// The complaints the condition keeps, each with its steps in order.
    private static func complaints(in db: any SQLDatabase, where condition: SQLQueryString) async throws -> [Complaint] {
        var complaints: [Int: Complaint] = [:]
        for row in try await db.raw("SELECT c.* FROM complaints c \(condition)").all() {
            let id = try Rows.integer(row, "id")
            complaints[id] = Complaint(
                id: id, reference: try Rows.text(row, "reference"), category: try Rows.choice(row, "category", as: ComplaintCategory.self),
                channel: try Rows.choice(row, "channel", as: Complaint.Channel.self), area: try Rows.unit(row, "area"), place: try Rows.text(row, "place"),
                description: try Rows.text(row, "description"),
                complainant: Complainant(name: try Rows.text(row, "complainant_name"), phone: try Rows.text(row, "complainant_phone")),
                receivedAt: try ISO8601.date(try Rows.text(row, "received_at")), handlingUnit: try Rows.unit(row, "handling_unit"), steps: [],
                missionID: try row.decode(column: "mission_id", as: String?.self).flatMap(MissionID.init(rawValue:)),
                incidentID: try row.decode(column: "incident_id", as: Int?.self))
        }
        guard !complaints.isEmpty else { return [] }
        for row in try await db.raw("""
            SELECT s.* FROM complaint_steps s JOIN complaints c ON c.id = s.complaint_id \(condition) ORDER BY s.complaint_id, s.number
            """).all() {
            let id = try Rows.integer(row, "complaint_id")
            complaints[id]?.steps.append(ComplaintStep(
                kind: try Rows.choice(row, "kind", as: ComplaintStep.Kind.self), at: try ISO8601.date(try Rows.text(row, "at")), day: try Rows.date(row, "day"),
                unit: try Rows.unit(row, "unit"), decideBy: try row.decode(column: "decide_by", as: String?.self).flatMap { CalendarDate(iso: $0) },
                hearingAt: try row.decode(column: "hearing_at", as: String?.self).map(ISO8601.date),
                hearingPlace: try row.decode(column: "hearing_place", as: String?.self),
                outcome: try row.decode(column: "outcome", as: String?.self).flatMap(ComplaintOutcome.init(rawValue:)),
                reasons: try row.decode(column: "reasons", as: String?.self)))
        }
        return complaints.values.sorted { $0.id < $1.id }
    }
}
