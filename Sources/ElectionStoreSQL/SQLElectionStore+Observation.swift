import Crypto
import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: ObservationStore {
    public func addMission(_ mission: ObserverMission, members: [MissionMember]) async throws {
        try await engine.withTransaction { tx in
            guard try await tx.sql.raw("SELECT id FROM missions WHERE id = \(bind: mission.id.rawValue)").first() == nil else {
                throw StoreError.duplicate("mission", mission.id.rawValue)
            }
            if let organisation = mission.accreditingOrganisationID,
               try await tx.sql.raw("SELECT id FROM accrediting_organisations WHERE id = \(bind: organisation)").first() == nil {
                throw StoreError.notFound("organisation", organisation)
            }
            try await tx.sql.raw("""
                INSERT INTO missions (id, organisation, name_en, name_km, kind, invitation_date, invited_by, working_group,
                    organisation_km, invited_by_km, working_group_km, accrediting_organisation_id)
                VALUES (\(bind: mission.id.rawValue), \(bind: mission.organisation), \(bind: mission.nameEnglish), \(bind: mission.nameKhmer),
                    \(bind: mission.kind), \(bind: mission.invitationDate?.iso), \(bind: try Canonical.text(mission.invitedBy)),
                    \(bind: try Canonical.text(mission.workingGroup)), \(bind: mission.organisationKhmer),
                    \(bind: try mission.invitedByKhmer.map(Canonical.text)), \(bind: try mission.workingGroupKhmer.map(Canonical.text)),
                    \(bind: mission.accreditingOrganisationID))
                """).run()
            // A stored accreditation is the mission's word; a member with a badge is read from the NEC's record.
            try await tx.bulkInsert(
                into: "mission_members",
                columns: ["mission_id", "seat", "name", "body", "title", "is_head", "accreditation", "body_km", "title_km"],
                rows: members.map {
                    [.text(mission.id.rawValue), .integer($0.seat), .text($0.name), .text($0.body), .text($0.title),
                     .integer($0.isHead ? 1 : 0), .text(($0.accreditation == .revoked ? .refused : $0.accreditation).rawValue),
                     .optional($0.bodyKhmer), .optional($0.titleKhmer)]
                })
            for member in members where member.badge != nil {
                _ = try await Self.linkBadge(member.badge, seat: member.seat, of: mission, in: tx)
            }
        }
    }

    public func linkBadge(_ badge: Int?, seat: Int, ofMission id: MissionID) async throws -> MissionMember {
        try await engine.withTransaction { tx in
            guard let row = try await tx.sql.raw("SELECT * FROM missions WHERE id = \(bind: id.rawValue)").first() else {
                throw StoreError.notFound("mission", id.rawValue)
            }
            return try await Self.linkBadge(badge, seat: seat, of: try Rows.mission(row), in: tx)
        }
    }

    private static func linkBadge(_ badge: Int?, seat: Int, of mission: ObserverMission, in tx: any SQLTransaction) async throws -> MissionMember {
        if let badge {
            guard let row = try await tx.sql.raw("SELECT * FROM accreditation_applications WHERE id = \(bind: badge)").first() else {
                throw StoreError.notFound("badge", AccreditationApplication.badgeNumber(badge))
            }
            try mission.requireMayHold(try accreditationApplication(row))
            if try await tx.sql.raw("""
                SELECT seat FROM mission_members WHERE badge_id = \(bind: badge)
                    AND NOT (mission_id = \(bind: mission.id.rawValue) AND seat = \(bind: seat))
                """).first() != nil {
                throw StoreError.duplicate("badge", AccreditationApplication.badgeNumber(badge))
            }
        }
        try await tx.sql.raw("""
            UPDATE mission_members SET badge_id = \(bind: badge) WHERE mission_id = \(bind: mission.id.rawValue) AND seat = \(bind: seat)
            """).run()
        guard let member = try await tx.sql.raw("\(unsafeRaw: memberQuery) WHERE m.mission_id = \(bind: mission.id.rawValue) AND m.seat = \(bind: seat)")
            .first().map(Rows.member)
        else { throw StoreError.notFound("mission member", "\(mission.id.rawValue) seat \(seat)") }
        return member
    }

    /// Members with the NEC's decision on their badge (`badge_status`, NULL without one).
    private static let memberQuery = """
        SELECT m.*, a.status AS badge_status FROM mission_members m LEFT JOIN accreditation_applications a ON a.id = m.badge_id
        """

    public func missions() async throws -> [ObserverMission] {
        try await all("SELECT * FROM missions ORDER BY id", Rows.mission)
    }

    public func mission(_ id: MissionID) async throws -> ObserverMission {
        try await one("SELECT * FROM missions WHERE id = \(bind: id.rawValue)", Rows.mission, "mission", id.rawValue)
    }

    public func members(ofMission id: MissionID) async throws -> [MissionMember] {
        try await all("\(unsafeRaw: Self.memberQuery) WHERE m.mission_id = \(bind: id.rawValue) ORDER BY m.seat", Rows.member)
    }

    public func addActivities(_ activities: [MissionActivity]) async throws {
        try await engine.withTransaction { tx in
            try await tx.bulkInsert(
                into: "mission_activities", columns: ["mission_id", "kind", "day", "with_whom", "notes", "with_whom_km", "notes_km"],
                rows: activities.map {
                    [.text($0.missionID.rawValue), .text($0.kind.rawValue), .text($0.day.iso), .text($0.with), .text($0.notes),
                     .optional($0.withKhmer), .optional($0.notesKhmer)]
                })
        }
    }

    public func activities(ofMission id: MissionID) async throws -> [MissionActivity] {
        try await all("SELECT * FROM mission_activities WHERE mission_id = \(bind: id.rawValue) ORDER BY day, id") { row in
            let kind = try row.decode(column: "kind", as: String.self)
            return MissionActivity(
                missionID: id, kind: MissionActivity.Kind(rawValue: kind) ?? .meeting, day: try Rows.date(row, "day"),
                with: try row.decode(column: "with_whom", as: String.self), notes: try row.decode(column: "notes", as: String.self),
                withKhmer: try row.decode(column: "with_whom_km", as: String?.self), notesKhmer: try row.decode(column: "notes_km", as: String?.self))
        }
    }

    public func addObserverToken(digest: String, missionID: MissionID, seat: Int) async throws {
        try await engine.withTransaction { tx in
            try await tx.sql.raw("""
                INSERT INTO observer_tokens (token_digest, mission_id, seat) VALUES (\(bind: digest), \(bind: missionID.rawValue), \(bind: seat))
                """).run()
        }
    }

    public func observer(tokenDigest: String) async throws -> MissionMember? {
        try await all("""
            \(unsafeRaw: Self.memberQuery) JOIN observer_tokens t ON m.mission_id = t.mission_id AND m.seat = t.seat
            WHERE t.token_digest = \(bind: tokenDigest)
            """, Rows.member).first
    }

    public func saveChecklistForms(_ forms: [ChecklistForm]) async throws {
        try await engine.withTransaction { tx in
            for form in forms {
                let stored = try await tx.sql.raw(
                    "SELECT version FROM checklist_forms WHERE id = \(bind: form.id) AND version = \(bind: form.version)").first()
                if stored == nil {
                    try await tx.sql.raw("""
                        INSERT INTO checklist_forms (id, version, definition)
                        VALUES (\(bind: form.id), \(bind: form.version), \(bind: try Canonical.text(form)))
                        """).run()
                }
            }
        }
    }

    public func checklistForms() async throws -> [ChecklistForm] {
        try await all("SELECT definition FROM checklist_forms ORDER BY id, version") { row in
            try JSONDecoder().decode(ChecklistForm.self, from: Data(try row.decode(column: "definition", as: String.self).utf8))
        }
    }

    public func recordDraw(missionID: MissionID, team: String, draw: StationDraw, stations: [StationCode], at time: Date) async throws {
        try await engine.withTransaction { tx in
            try await tx.sql.raw("""
                INSERT INTO station_draws (mission_id, team, seed, strata, size, frame, stations, drawn_at)
                VALUES (\(bind: missionID.rawValue), \(bind: team), \(bind: String(draw.seed)), \(bind: draw.strata.rawValue), \(bind: draw.size),
                    \(bind: try Canonical.text(draw.frame)), \(bind: try Canonical.text(stations)), \(bind: ISO8601.string(time)))
                """).run()
            try await Self.deploy(stations, missionID: missionID, team: team, tx)
        }
    }

    public func saveTeam(_ team: ObserverTeam) async throws {
        let seats = Set(try await members(ofMission: team.missionID).map(\.seat))
        if let unknown = team.members.first(where: { !seats.contains($0) }) {
            throw StoreError.notFound("mission member", "\(team.missionID) seat \(unknown)")
        }
        try await engine.withTransaction { tx in
            try await tx.sql.raw("DELETE FROM teams WHERE mission_id = \(bind: team.missionID.rawValue) AND name = \(bind: team.name)").run()
            try await tx.sql.raw("""
                INSERT INTO teams (mission_id, name, members, area)
                VALUES (\(bind: team.missionID.rawValue), \(bind: team.name), \(bind: try Canonical.text(team.members)), \(bind: try Canonical.text(team.area)))
                """).run()
        }
    }

    public func teams(ofMission id: MissionID) async throws -> [ObserverTeam] {
        try await all("SELECT * FROM teams WHERE mission_id = \(bind: id.rawValue) ORDER BY name") { row in
            ObserverTeam(
                missionID: id, name: try row.decode(column: "name", as: String.self),
                members: try JSONDecoder().decode([Int].self, from: Data(try row.decode(column: "members", as: String.self).utf8)),
                area: try JSONDecoder().decode([UnitCode].self, from: Data(try row.decode(column: "area", as: String.self).utf8)))
        }
    }

    public func assignStations(missionID: MissionID, team: String, stations: [StationCode]) async throws {
        try await engine.withTransaction { tx in try await Self.deploy(stations, missionID: missionID, team: team, tx) }
    }

    /// Adds stations to the deployment; a station already deployed (to this team or another) stays where it is.
    private static func deploy(_ stations: [StationCode], missionID: MissionID, team: String, _ tx: any SQLTransaction) async throws {
        var deployed = Set<StationCode>()
        for chunk in stations.map(\.rawValue).chunked(500) {
            for row in try await tx.sql.raw(
                "SELECT station_code FROM deployments WHERE mission_id = \(bind: missionID.rawValue) AND station_code IN \(list: chunk)"
            ).all() { deployed.insert(try Rows.code(row, "station_code")) }
        }
        try await tx.bulkInsert(
            into: "deployments", columns: ["mission_id", "station_code", "team"],
            rows: Array(Set(stations)).sorted().filter { !deployed.contains($0) }.map { [.text(missionID.rawValue), .text($0.rawValue), .text(team)] })
    }

    public func deployment(ofMission id: MissionID) async throws -> [StationCode: String] {
        let rows = try await all("SELECT station_code, team FROM deployments WHERE mission_id = \(bind: id.rawValue)") { row in
            (try Rows.code(row, "station_code", as: StationCode.self), try row.decode(column: "team", as: String.self))
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    public func deployedTeam(station code: StationCode, mission id: MissionID) async throws -> String? {
        try await all("SELECT team FROM deployments WHERE mission_id = \(bind: id.rawValue) AND station_code = \(bind: code.rawValue)") {
            try $0.decode(column: "team", as: String.self)
        }.first
    }

    public func addVisits(_ visits: [StationVisit]) async throws {
        try await engine.withTransaction { tx in
            try await tx.bulkInsert(
                into: "station_visits",
                columns: ["mission_id", "station_code", "team", "arrival", "departure", "phase", "submission_id", "recorded_by"],
                rows: visits.map {
                    [.text($0.missionID.rawValue), .text($0.stationCode.rawValue), .text($0.team), .text($0.arrival.description),
                     .text($0.departure.description), .text($0.phase.rawValue), .optional($0.submissionID),
                     $0.recordedBy.map(BulkValue.integer) ?? .null]
                })
        }
    }

    public func addVisit(_ visit: StationVisit) async throws -> SubmissionReceipt.Outcome {
        try await engine.withTransaction { tx in
            if try await Self.earlier("station_visits", visit.missionID, visit.submissionID, in: tx, { try Self.visit($0, mission: visit.missionID) },
                                      same: { $0 == visit }) != nil {
                return .repeated
            }
            try await tx.sql.raw("""
                INSERT INTO station_visits (mission_id, station_code, team, arrival, departure, phase, submission_id, recorded_by)
                VALUES (\(bind: visit.missionID.rawValue), \(bind: visit.stationCode.rawValue), \(bind: visit.team),
                    \(bind: visit.arrival.description), \(bind: visit.departure.description), \(bind: visit.phase.rawValue),
                    \(bind: visit.submissionID), \(bind: visit.recordedBy))
                """).run()
            return .stored
        }
    }

    public func visits(ofMission id: MissionID) async throws -> [StationVisit] {
        try await visits(ofMission: id, "")
    }

    public func visits(ofMission id: MissionID, page: ListPage) async throws -> [StationVisit] {
        try await visits(ofMission: id, page.sql)
    }

    private func visits(ofMission id: MissionID, _ page: SQLQueryString) async throws -> [StationVisit] {
        try await all("SELECT * FROM station_visits WHERE mission_id = \(bind: id.rawValue) ORDER BY arrival, id \(page)") { row in
            try Self.visit(row, mission: id)
        }
    }

    private static func visit(_ row: any SQLRow, mission id: MissionID) throws -> StationVisit {
        StationVisit(
            missionID: id, stationCode: try Rows.code(row, "station_code"),
            team: try row.decode(column: "team", as: String.self),
            arrival: try Rows.clock(row, "arrival"), departure: try Rows.clock(row, "departure"),
            phase: VisitPhase(rawValue: try row.decode(column: "phase", as: String.self)) ?? .voting,
            submissionID: try row.decode(column: "submission_id", as: String?.self),
            recordedBy: try row.decode(column: "recorded_by", as: Int?.self))
    }

    public func receive(_ submissions: [ChecklistSubmission], channel: String, at time: Date) async throws -> [Result<SubmissionReceipt, any Error>] {
        try await engine.withTransaction { tx in
            var stored: [String: String] = [:]  // id → digest, already in the database or earlier in this group
            for chunk in submissions.map(\.id).chunked(500) {
                for row in try await tx.sql.raw("SELECT id, digest FROM checklist_submissions WHERE id IN \(list: chunk)").all() {
                    stored[try row.decode(column: "id", as: String.self)] = try row.decode(column: "digest", as: String.self)
                }
            }
            var outcomes: [Result<SubmissionReceipt, any Error>] = []
            var rows: [[BulkValue]] = [], receipts: [[BulkValue]] = []
            let receivedAt = ISO8601.string(time)
            for s in submissions {
                let payload = try Canonical.text(s)
                let digest = Canonical.digest(Data(payload.utf8))
                let outcome: String
                switch stored[s.id] {
                case nil:
                    stored[s.id] = digest
                    rows.append([
                        .text(s.id), .text(s.missionID.rawValue), .integer(s.observer), .text(s.stationCode.rawValue), .text(s.formID),
                        .integer(s.formVersion), .text(s.observedAt.description), .text(try Canonical.text(s.answers)), .text(digest),
                    ])
                    outcome = "stored"
                    outcomes.append(.success(SubmissionReceipt(submission: s, channel: channel, outcome: .stored)))
                case digest:
                    outcome = "repeated"
                    outcomes.append(.success(SubmissionReceipt(submission: s, channel: channel, outcome: .repeated)))
                default:
                    outcome = "conflict"
                    outcomes.append(.failure(SubmissionConflict(id: s.id)))
                }
                receipts.append([.text(s.id), .text(s.missionID.rawValue), .text(receivedAt), .text(channel), .text(outcome), .text(payload)])
            }
            try await tx.bulkInsert(
                into: "checklist_submissions",
                columns: ["id", "mission_id", "observer", "station_code", "form_id", "form_version", "observed_at", "answers", "digest"],
                rows: rows)
            try await tx.bulkInsert(
                into: "submission_receipts", columns: ["submission_id", "mission_id", "received_at", "channel", "outcome", "payload"],
                rows: receipts)
            return outcomes
        }
    }

    public func submissions(ofMission id: MissionID) async throws -> [ChecklistSubmission] {
        try await all("SELECT * FROM checklist_submissions WHERE mission_id = \(bind: id.rawValue) ORDER BY observed_at, id") { row in
            ChecklistSubmission(
                id: try row.decode(column: "id", as: String.self), missionID: id,
                observer: try row.decode(column: "observer", as: Int.self),
                stationCode: try Rows.code(row, "station_code"),
                formID: try row.decode(column: "form_id", as: String.self),
                formVersion: try row.decode(column: "form_version", as: Int.self),
                observedAt: try Rows.clock(row, "observed_at"),
                answers: try JSONDecoder().decode(ChecklistAnswers.self, from: Data(try row.decode(column: "answers", as: String.self).utf8)))
        }
    }

    public func receiptCount(ofMission id: MissionID) async throws -> Int {
        try await all("SELECT COUNT(*) AS n FROM submission_receipts WHERE mission_id = \(bind: id.rawValue)") {
            try $0.decode(column: "n", as: Int.self)
        }.first ?? 0
    }

    public func setStatement(_ statement: MissionStatement) async throws {
        try await engine.withTransaction { tx in
            try await tx.sql.raw("DELETE FROM mission_statements WHERE mission_id = \(bind: statement.missionID)").run()
            try await tx.sql.raw("""
                INSERT INTO mission_statements (mission_id, assessment_en, assessment_km, conclusions_en, conclusions_km)
                VALUES (\(bind: statement.missionID), \(bind: statement.assessmentEnglish), \(bind: statement.assessmentKhmer),
                    \(bind: statement.conclusionsEnglish), \(bind: statement.conclusionsKhmer))
                """).run()
        }
    }

    public func statement(ofMission id: MissionID) async throws -> MissionStatement? {
        try await all("SELECT * FROM mission_statements WHERE mission_id = \(bind: id.rawValue)") { row in
            MissionStatement(
                missionID: id, assessmentEnglish: try row.decode(column: "assessment_en", as: String.self),
                assessmentKhmer: try row.decode(column: "assessment_km", as: String.self),
                conclusionsEnglish: try row.decode(column: "conclusions_en", as: String.self),
                conclusionsKhmer: try row.decode(column: "conclusions_km", as: String.self))
        }.first
    }

    public func addIncident(_ incident: Incident) async throws -> (incident: Incident, outcome: SubmissionReceipt.Outcome) {
        try await engine.withTransaction { tx in
            if let stored = try await Self.earlier(
                "incidents", incident.missionID, incident.submissionID, in: tx, { try Self.incident($0, mission: incident.missionID) },
                same: { $0.isSameReport(as: incident) }) {
                return (stored, .repeated)
            }
            let row = try await tx.sql.raw("""
                INSERT INTO incidents (mission_id, kind, category, severity, station_code, place, day, time, description, status,
                    submission_id, reported_by)
                VALUES (\(bind: incident.missionID), \(bind: incident.kind.rawValue), \(bind: incident.category.rawValue),
                    \(bind: incident.severity.rawValue), \(bind: incident.stationCode?.rawValue), \(bind: incident.place), \(bind: incident.day.iso),
                    \(bind: incident.time?.description), \(bind: incident.description), \(bind: incident.status.rawValue),
                    \(bind: incident.submissionID), \(bind: incident.reportedBy))
                RETURNING id
                """).first()
            var stored = incident
            stored.id = try row?.decode(column: "id", as: Int.self) ?? 0
            return (stored, .stored)
        }
    }

    public func addCoverage(_ coverage: MediaCoverage) async throws -> SubmissionReceipt.Outcome {
        try await engine.withTransaction { tx in
            if try await Self.earlier("media_coverage", coverage.missionID, coverage.submissionID, in: tx, Self.coverage, same: { $0 == coverage }) != nil {
                return .repeated
            }
            try await tx.sql.raw("""
                INSERT INTO media_coverage (mission_id, outlet, day, party, seconds, column_space, tone, submission_id, recorded_by)
                VALUES (\(bind: coverage.missionID.rawValue), \(bind: coverage.outlet), \(bind: coverage.day.iso), \(bind: coverage.party.rawValue),
                    \(bind: coverage.seconds), \(bind: coverage.columnSpace), \(bind: coverage.tone.rawValue), \(bind: coverage.submissionID),
                    \(bind: coverage.recordedBy))
                """).run()
            return .stored
        }
    }

    public func coverage(ofMission id: MissionID) async throws -> [MediaCoverage] {
        try await coverage(ofMission: id, "")
    }

    public func coverage(ofMission id: MissionID, page: ListPage) async throws -> [MediaCoverage] {
        try await coverage(ofMission: id, page.sql)
    }

    private func coverage(ofMission id: MissionID, _ page: SQLQueryString) async throws -> [MediaCoverage] {
        try await all("SELECT * FROM media_coverage WHERE mission_id = \(bind: id.rawValue) ORDER BY day, outlet, party, id \(page)", Self.coverage)
    }

    private static func coverage(_ row: any SQLRow) throws -> MediaCoverage {
        let party = try row.decode(column: "party", as: Int.self)
        let tone = try row.decode(column: "tone", as: String.self)
        return MediaCoverage(
            missionID: try Rows.missionID(row), outlet: try row.decode(column: "outlet", as: String.self), day: try Rows.date(row, "day"),
            party: PartyNumber(rawValue: party) ?? 1, seconds: try row.decode(column: "seconds", as: Int.self),
            columnSpace: try row.decode(column: "column_space", as: Int.self), tone: MediaCoverage.Tone(rawValue: tone) ?? .neutral,
            submissionID: try row.decode(column: "submission_id", as: String?.self), recordedBy: try row.decode(column: "recorded_by", as: Int?.self))
    }

    /// What the mission already stored under a phone's submission id, if anything: returned when
    /// it is `same` as what arrives again, a ``SubmissionConflict`` when it is not.
    private static func earlier<T>(
        _ table: String, _ mission: MissionID, _ submissionID: String?, in tx: any SQLTransaction,
        _ decode: (any SQLRow) throws -> T, same: (T) -> Bool
    ) async throws -> T? {
        guard let id = submissionID,
              let row = try await tx.sql.raw("""
                  SELECT * FROM \(ident: table) WHERE mission_id = \(bind: mission.rawValue) AND submission_id = \(bind: id)
                  """).first()
        else { return nil }
        let stored = try decode(row)
        guard same(stored) else { throw SubmissionConflict(id: id) }
        return stored
    }

    public func setIncidentStatus(_ id: Int, _ status: Incident.Status, mission: MissionID) async throws -> Incident {
        try await engine.withTransaction { tx in
            try await tx.sql.raw("""
                UPDATE incidents SET status = \(bind: status.rawValue) WHERE id = \(bind: id) AND mission_id = \(bind: mission.rawValue)
                """).run()
        }
        guard let incident = try await incidents(ofMission: mission).first(where: { $0.id == id }) else {
            throw StoreError.notFound("incident", String(id))
        }
        return incident
    }

    public func incidents(ofMission id: MissionID) async throws -> [Incident] {
        try await all("SELECT * FROM incidents WHERE mission_id = \(bind: id.rawValue) ORDER BY day, time, id") { row in
            try Self.incident(row, mission: id)
        }
    }

    public func incidents(ofMission id: MissionID, includingRejected: Bool, page: ListPage) async throws -> [Incident] {
        let rejected: SQLQueryString = includingRejected ? "" : "AND status <> \(bind: Incident.Status.rejected.rawValue)"
        return try await all("""
            SELECT * FROM incidents WHERE mission_id = \(bind: id.rawValue) \(rejected) ORDER BY day, time, id \(page.sql)
            """) { row in
            try Self.incident(row, mission: id)
        }
    }

    private static func incident(_ row: any SQLRow, mission id: MissionID) throws -> Incident {
        func value<T: RawRepresentable>(_ column: String, _ type: T.Type) throws -> T where T.RawValue == String {
            let text = try row.decode(column: column, as: String.self)
            guard let parsed = T(rawValue: text) else { throw Rows.Malformed(column: column, value: text) }
            return parsed
        }
        return Incident(
            id: try row.decode(column: "id", as: Int.self), missionID: id, kind: try value("kind", Incident.Kind.self),
            category: try value("category", Incident.Category.self), severity: try value("severity", Incident.Severity.self),
            stationCode: try row.decode(column: "station_code", as: String?.self).flatMap(StationCode.init(rawValue:)), place: try row.decode(column: "place", as: String.self),
            day: try Rows.date(row, "day"), time: try row.decode(column: "time", as: String?.self).flatMap(ClockTime.init),
            description: try row.decode(column: "description", as: String.self), status: try value("status", Incident.Status.self),
            submissionID: try row.decode(column: "submission_id", as: String?.self),
            reportedBy: try row.decode(column: "reported_by", as: Int?.self))
    }
}

/// Values as canonical JSON text (sorted keys), so equal content is equal text, and the digests
/// the store keeps of content.
enum Canonical {
    /// Lowercase hexadecimal SHA-256.
    static func digest(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lowercase hexadecimal, without a formatter per byte (which cost more than the hashing in
    /// the audit chain, where every change is hashed).
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func text(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension Rows {
    /// A mission id column.
    static func missionID(_ row: any SQLRow, _ column: String = "mission_id") throws -> MissionID {
        let text = try text(row, column)
        guard let id = MissionID(rawValue: text) else { throw Malformed(column: column, value: text) }
        return id
    }

    static func mission(_ row: any SQLRow) throws -> ObserverMission {
        ObserverMission(
            id: try missionID(row, "id"), organisation: try row.decode(column: "organisation", as: String.self),
            nameEnglish: try row.decode(column: "name_en", as: String.self), nameKhmer: try row.decode(column: "name_km", as: String.self),
            kind: try row.decode(column: "kind", as: String.self),
            invitationDate: try row.decode(column: "invitation_date", as: String?.self).flatMap { CalendarDate(iso: $0) },
            invitedBy: try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "invited_by", as: String.self).utf8)),
            workingGroup: try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "working_group", as: String.self).utf8)),
            organisationKhmer: try row.decode(column: "organisation_km", as: String?.self),
            invitedByKhmer: try row.decode(column: "invited_by_km", as: String?.self).map { try JSONDecoder().decode([String].self, from: Data($0.utf8)) },
            workingGroupKhmer: try row.decode(column: "working_group_km", as: String?.self).map { try JSONDecoder().decode([String].self, from: Data($0.utf8)) },
            accreditingOrganisationID: try row.decode(column: "accrediting_organisation_id", as: String?.self))
    }

    /// A member read with `badge_status` (``SQLElectionStore``'s member query): one with a badge
    /// stands where the NEC's decision on it says.
    static func member(_ row: any SQLRow) throws -> MissionMember {
        let stated = Accreditation(rawValue: try row.decode(column: "accreditation", as: String.self)) ?? .requested
        let decided = try row.decode(column: "badge_status", as: String?.self).flatMap(AccreditationApplication.Status.init(rawValue:))
        return MissionMember(
            missionID: try Rows.missionID(row), seat: try row.decode(column: "seat", as: Int.self),
            name: try row.decode(column: "name", as: String.self), body: try row.decode(column: "body", as: String.self),
            title: try row.decode(column: "title", as: String.self), isHead: try row.decode(column: "is_head", as: Int.self) == 1,
            accreditation: decided.map(Accreditation.init) ?? stated,
            bodyKhmer: try row.decode(column: "body_km", as: String?.self), titleKhmer: try row.decode(column: "title_km", as: String?.self),
            badge: try row.decode(column: "badge_id", as: Int?.self))
    }

    static func clock(_ row: any SQLRow, _ column: String) throws -> ClockTime {
        let text = try row.decode(column: column, as: String.self)
        guard let time = ClockTime(text) else { throw Malformed(column: column, value: text) }
        return time
    }
}
