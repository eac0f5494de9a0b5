import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: NominationStore {
    // MARK: Calendar

    public func calendar() async throws -> ElectionCalendar {
        let entries = try await all("SELECT * FROM calendar") { row in
            CalendarEntry(milestone: try Self.milestone(row), opens: try Rows.date(row, "opens"), closes: try Rows.date(row, "closes"))
        }
        let overrides = try await all("""
            SELECT d.*, o.name AS official_name FROM deadline_overrides d JOIN officials o ON o.id = d.official_id ORDER BY d.id
            """) { row in
            DeadlineOverride(
                milestone: try Self.milestone(row), closes: try Rows.date(row, "closes"), reason: try Rows.text(row, "reason"),
                officialName: try Rows.text(row, "official_name"), recordedAt: try ISO8601.date(try Rows.text(row, "recorded_at")))
        }
        return ElectionCalendar(entries: entries, overrides: overrides)
    }

    public func overrideDeadline(_ milestone: Milestone, closes: CalendarDate, reason: String, by official: Official, at time: Date) async throws {
        try official.require(.overrideDeadline, on: .nation)
        try Self.requireReason(reason)
        try await engine.withTransaction { tx in
            let found = try await tx.sql.raw("SELECT milestone FROM calendar WHERE milestone = \(bind: milestone.rawValue)").first()
            guard found != nil else { throw StoreError.notFound("milestone", milestone.rawValue) }
            try await tx.sql.raw("""
                INSERT INTO deadline_overrides (milestone, closes, reason, official_id, recorded_at)
                VALUES (\(bind: milestone.rawValue), \(bind: closes.iso), \(bind: reason), \(bind: official.id.rawValue), \(bind: ISO8601.string(time)))
                """).run()
        }
    }

    // MARK: Party registration

    public func partyApplications() async throws -> [PartyApplication] {
        try await all("""
            SELECT a.*, o.name AS decided_by_name FROM party_applications a LEFT JOIN officials o ON o.id = a.decided_by ORDER BY a.id DESC
            """, Self.application)
    }

    public func fileApplication(_ application: PartyApplication, by official: Official, at time: Date) async throws -> PartyApplication {
        try official.require(.decideParty, on: .nation)
        return try await engine.withTransaction { tx in
            try await Self.requireNewName(application.nameEnglish, in: tx)
            let row = try await tx.sql.raw("""
                INSERT INTO party_applications (name_en, name_km, abbreviation, leader, contact, filed_by, filed_at, status)
                VALUES (\(bind: application.nameEnglish), \(bind: application.nameKhmer), \(bind: application.abbreviation),
                        \(bind: application.leader), \(bind: application.contact), \(bind: official.id.rawValue),
                        \(bind: ISO8601.string(time)), 'pending')
                RETURNING id
                """).first()
            guard let row else { throw StoreError.refused("the application was not numbered") }
            var filed = application
            filed.id = try Rows.integer(row, "id")
            filed.filedAt = time
            filed.status = .pending
            return filed
        }
    }

    public func decide(
        application id: Int, _ decision: PartyDecision, agentCodeDigest: String, by official: Official, at time: Date
    ) async throws -> PartyApplication {
        try official.require(.decideParty, on: .nation)
        return try await engine.withTransaction { tx in
            guard let row = try await tx.sql.raw("""
                SELECT a.*, NULL AS decided_by_name FROM party_applications a WHERE a.id = \(bind: id)
                """).first()
            else { throw StoreError.notFound("party application", String(id)) }
            var application = try Self.application(row)
            try decision.check(application)
            application.decidedAt = time
            application.decidedBy = official.name
            switch decision {
            case .reject(let reason):
                application.status = .rejected
                application.decisionReason = reason
            case .register(let reason, let agent):
                // Two registrations at once on PostgreSQL would take one number: the parties are
                // locked against other writers until this one commits.
                if tx.dialect == .postgres { try await tx.sql.raw("LOCK TABLE parties IN SHARE ROW EXCLUSIVE MODE").run() }
                try await Self.requireNewName(application.nameEnglish, in: tx, except: id)
                let next = try await tx.sql.raw("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM parties").first()
                guard let next, let number = PartyNumber(rawValue: try Rows.integer(next, "next")) else {
                    throw StoreError.refused("no party number is free")
                }
                try await tx.sql.raw("""
                    INSERT INTO parties (id, name_en, name_km, abbreviation)
                    VALUES (\(bind: number.rawValue), \(bind: application.nameEnglish), \(bind: application.nameKhmer), \(bind: application.abbreviation))
                    """).run()
                try await tx.sql.raw("""
                    INSERT INTO party_agents (token_digest, party_id, name, issued_by, issued_at)
                    VALUES (\(bind: agentCodeDigest), \(bind: number.rawValue), \(bind: agent), \(bind: official.id.rawValue), \(bind: ISO8601.string(time)))
                    """).run()
                application.status = .registered
                application.party = number
                application.decisionReason = reason.isEmpty ? nil : reason
            }
            try await tx.sql.raw("""
                UPDATE party_applications SET status = \(bind: application.status.rawValue), party_id = \(bind: application.party?.rawValue),
                    decision_reason = \(bind: application.decisionReason), decided_by = \(bind: official.id.rawValue),
                    decided_at = \(bind: ISO8601.string(time))
                WHERE id = \(bind: id)
                """).run()
            return application
        }
    }

    public func replaceAgent(of party: PartyNumber, agentName: String, agentCodeDigest: String, by official: Official, at time: Date) async throws {
        try official.require(.decideParty, on: .nation)
        guard !agentName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Refusal(.reasonRequired, field: "agent", "a new code names the party's agent")
        }
        try await engine.withTransaction { tx in
            guard try await tx.sql.raw("SELECT id FROM parties WHERE id = \(bind: party.rawValue)").first() != nil else {
                throw StoreError.notFound("party", party.description)
            }
            try await tx.sql.raw("DELETE FROM party_agents WHERE party_id = \(bind: party.rawValue)").run()
            try await tx.sql.raw("""
                INSERT INTO party_agents (token_digest, party_id, name, issued_by, issued_at)
                VALUES (\(bind: agentCodeDigest), \(bind: party.rawValue), \(bind: agentName), \(bind: official.id.rawValue), \(bind: ISO8601.string(time)))
                """).run()
        }
    }

    public func partyAgent(codeDigest: String) async throws -> PartyAgent? {
        try await all("SELECT party_id, name FROM party_agents WHERE token_digest = \(bind: codeDigest)") { row in
            PartyAgent(party: try Rows.party(row, "party_id"), name: try Rows.text(row, "name"))
        }.first
    }

    // MARK: Candidate lists

    public func submitList(_ list: CandidateListSubmission, by nominator: Nominator, at time: Date) async throws -> [Candidate] {
        switch nominator {
        case .agent(let agent): try agent.requireOwn(list.party)
        case .official(let official): try official.require(.keepCandidateLists, on: .nation)
        }
        let election = try await election()
        try await calendar().require(.nominations, openOn: election.localDay(at: time))
        return try await engine.withTransaction { tx in
            let seats = try await Self.seats(list.constituency, party: list.party, in: tx)
            let candidates = try await Self.checked(list, seats: seats, election: election, in: tx)
            try await Self.deleteList(list.party, list.constituency, in: tx)
            try await tx.bulkInsert(into: "candidates", columns: Self.candidateColumns, rows: candidates.map(Self.candidateRow))
            try await tx.sql.raw("""
                INSERT INTO list_submissions (party_id, constituency_code, candidates, submitted_by, submitted_at)
                VALUES (\(bind: list.party.rawValue), \(bind: list.constituency.rawValue), \(bind: candidates.count),
                        \(bind: nominator.name), \(bind: ISO8601.string(time)))
                """).run()
            return candidates
        }
    }

    public func withdrawCandidate(
        party: PartyNumber, constituency: ProvinceCode, position: Int, reason: String, by official: Official, at time: Date
    ) async throws -> CandidateChange {
        try official.require(.keepCandidateLists, on: .nation)
        try Self.requireReason(reason)
        return try await engine.withTransaction { tx in
            var list = try await Self.list(party, constituency, in: tx)
            guard list.indices.contains(position - 1) else { throw StoreError.notFound("candidate", "\(party)/\(constituency)/\(position)") }
            let former = list.remove(at: position - 1)
            for index in list.indices { list[index].listPosition = index + 1 }
            try await Self.deleteList(party, constituency, in: tx)
            if !list.isEmpty {
                try await tx.bulkInsert(into: "candidates", columns: Self.candidateColumns, rows: list.map(Self.candidateRow))
            }
            let change = CandidateChange(
                kind: .withdrawn, party: party, constituency: constituency, position: position, former: former.name,
                replacement: nil, reason: reason, officialName: official.name, recordedAt: time)
            try await Self.insert(change, officialID: official.id, in: tx)
            return change
        }
    }

    public func replaceCandidate(
        party: PartyNumber, constituency: ProvinceCode, position: Int, with nominee: Nominee, reason: String, by official: Official,
        at time: Date
    ) async throws -> CandidateChange {
        try official.require(.keepCandidateLists, on: .nation)
        try Self.requireReason(reason)
        let election = try await election()
        return try await engine.withTransaction { tx in
            let list = try await Self.list(party, constituency, in: tx)
            guard list.indices.contains(position - 1) else { throw StoreError.notFound("candidate", "\(party)/\(constituency)/\(position)") }
            let former = list[position - 1]
            let place = ListPlace(party: party, constituency: constituency)
            let register = try await Self.register(for: [nominee.voterNumber], in: tx)
            let standing = try await Self.standing([nominee.voterNumber], in: tx)
            var problems = nominee.problems(
                at: position, on: place, election: election, register: register, standing: standing,
                commissionMembers: try await Self.commissionMembers([nominee.voterNumber], in: tx))
            if standing[nominee.voterNumber] == place {
                problems.append(.init(rule: .twiceOnList, position: position, candidate: nominee.name, detail: "already on this list"))
            }
            guard problems.isEmpty, let voter = register[nominee.voterNumber] else { throw NominationProblems(problems) }
            let newcomer = Candidate(
                partyID: party, constituencyCode: constituency, listPosition: position, name: voter.name, sex: voter.sex,
                dateOfBirth: voter.dateOfBirth, voterNumber: nominee.voterNumber)
            try await tx.sql.raw("""
                DELETE FROM candidates WHERE party_id = \(bind: party.rawValue) AND constituency_code = \(bind: constituency.rawValue)
                AND list_position = \(bind: position)
                """).run()
            try await tx.bulkInsert(into: "candidates", columns: Self.candidateColumns, rows: [Self.candidateRow(newcomer)])
            let change = CandidateChange(
                kind: .replaced, party: party, constituency: constituency, position: position, former: former.name,
                replacement: newcomer.name, reason: reason, officialName: official.name, recordedAt: time)
            try await Self.insert(change, officialID: official.id, in: tx)
            return change
        }
    }

    public func candidateChanges(party: PartyNumber, constituency: ProvinceCode) async throws -> [CandidateChange] {
        try await all("""
            SELECT c.*, o.name AS official_name FROM candidate_changes c JOIN officials o ON o.id = c.official_id
            WHERE c.party_id = \(bind: party.rawValue) AND c.constituency_code = \(bind: constituency.rawValue) ORDER BY c.id
            """) { row in
            let replacementKhmer = try row.decode(column: "replacement_name_km", as: String?.self)
            let replacementLatin = try row.decode(column: "replacement_name_latin", as: String?.self)
            return CandidateChange(
                kind: CandidateChange.Kind(rawValue: try Rows.text(row, "kind")) ?? .withdrawn,
                party: party, constituency: constituency, position: try Rows.integer(row, "list_position"),
                former: PersonName(khmer: try Rows.text(row, "former_name_km"), latin: try Rows.text(row, "former_name_latin")),
                replacement: replacementKhmer.map { PersonName(khmer: $0, latin: replacementLatin ?? "") },
                reason: try Rows.text(row, "reason"), officialName: try Rows.text(row, "official_name"),
                recordedAt: try ISO8601.date(try Rows.text(row, "recorded_at")))
        }
    }

    public func lastSubmission(party: PartyNumber, constituency: ProvinceCode) async throws -> (by: String, at: Date)? {
        let rows = try await all("""
            SELECT submitted_by, submitted_at FROM list_submissions
            WHERE party_id = \(bind: party.rawValue) AND constituency_code = \(bind: constituency.rawValue) ORDER BY id DESC LIMIT 1
            """) { row in (try Rows.text(row, "submitted_by"), try Rows.text(row, "submitted_at")) }
        guard let (by, at) = rows.first else { return nil }
        return (by, try ISO8601.date(at))
    }

    // MARK: Ballot order

    public func drawBallotOrder(seed: UInt64, by official: Official, at time: Date) async throws -> BallotDrawRecord {
        try official.require(.drawBallotOrder, on: .nation)
        return try await engine.withTransaction { tx in
            let parties = try await tx.sql.raw("SELECT id FROM parties ORDER BY id").all().map { try Rows.party($0, "id") }
            guard !parties.isEmpty else { throw Refusal(.wrongState, "there are no registered parties to draw") }
            let draw = BallotDraw(seed: seed, parties: parties)
            let record = BallotDrawRecord(draw: draw, order: draw.order(), officialName: official.name, drawnAt: time)
            try await tx.sql.raw("""
                INSERT INTO ballot_draws (seed, parties, ballot_order, official_id, drawn_at)
                VALUES (\(bind: String(seed)), \(bind: Self.numbers(draw.parties)), \(bind: Self.numbers(record.order)),
                        \(bind: official.id.rawValue), \(bind: ISO8601.string(time)))
                """).run()
            return record
        }
    }

    public func ballotDraws() async throws -> [BallotDrawRecord] {
        try await all("""
            SELECT b.*, o.name AS official_name FROM ballot_draws b JOIN officials o ON o.id = b.official_id ORDER BY b.id
            """) { row in
            let seedText = try Rows.text(row, "seed")
            guard let seed = UInt64(seedText) else { throw Rows.Malformed(column: "seed", value: seedText) }
            return BallotDrawRecord(
                draw: BallotDraw(seed: seed, parties: try Self.numbers(try Rows.text(row, "parties"))),
                order: try Self.numbers(try Rows.text(row, "ballot_order")), officialName: try Rows.text(row, "official_name"),
                drawnAt: try ISO8601.date(try Rows.text(row, "drawn_at")))
        }
    }

    // MARK: Helpers

    static func milestone(_ row: any SQLRow) throws -> Milestone {
        let text = try Rows.text(row, "milestone")
        guard let milestone = Milestone(rawValue: text) else { throw Rows.Malformed(column: "milestone", value: text) }
        return milestone
    }

    static func application(_ row: any SQLRow) throws -> PartyApplication {
        let status = try Rows.text(row, "status")
        return PartyApplication(
            id: try Rows.integer(row, "id"), nameEnglish: try Rows.text(row, "name_en"), nameKhmer: try Rows.text(row, "name_km"),
            abbreviation: try Rows.text(row, "abbreviation"), leader: try Rows.text(row, "leader"), contact: try Rows.text(row, "contact"),
            filedAt: try ISO8601.date(try Rows.text(row, "filed_at")),
            status: PartyApplication.Status(rawValue: status) ?? .pending,
            party: try row.decode(column: "party_id", as: Int?.self).flatMap(PartyNumber.init(rawValue:)),
            decisionReason: try row.decode(column: "decision_reason", as: String?.self),
            decidedBy: try row.decode(column: "decided_by_name", as: String?.self),
            decidedAt: try row.decode(column: "decided_at", as: String?.self).map(ISO8601.date))
    }

    static func requireReason(_ reason: String) throws {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Refusal(.reasonRequired, field: "reason", "a reason must be given")
        }
    }

    /// A party's English name is its identity on the register of parties: no two alike.
    static func requireNewName(_ name: String, in tx: any SQLTransaction, except application: Int? = nil) async throws {
        let party = try await tx.sql.raw("SELECT id FROM parties WHERE lower(name_en) = lower(\(bind: name))").first()
        let pending = try await tx.sql.raw("""
            SELECT id FROM party_applications WHERE lower(name_en) = lower(\(bind: name)) AND status = 'pending'
            AND id <> \(bind: application ?? 0)
            """).first()
        guard party == nil, pending == nil else { throw StoreError.duplicate("party", name) }
    }

    /// The constituency's seats, once the party and the constituency are known to exist.
    static func seats(_ constituency: ProvinceCode, party: PartyNumber, in tx: any SQLTransaction) async throws -> Int {
        guard try await tx.sql.raw("SELECT id FROM parties WHERE id = \(bind: party.rawValue)").first() != nil else {
            throw StoreError.notFound("party", party.description)
        }
        guard let row = try await tx.sql.raw("SELECT seats FROM constituencies WHERE code = \(bind: constituency.rawValue)").first() else {
            throw StoreError.notFound("constituency", constituency.rawValue)
        }
        return try Rows.integer(row, "seats")
    }

    /// The list's candidates, from the register, or every problem with it.
    static func checked(_ list: CandidateListSubmission, seats: Int, election: Election, in tx: any SQLTransaction) async throws -> [Candidate] {
        let numbers = list.nominees.map(\.voterNumber)
        let register = try await register(for: numbers, in: tx)
        let problems = list.problems(
            seats: seats, election: election, register: register, standing: try await standing(numbers, in: tx),
            commissionMembers: try await commissionMembers(numbers, in: tx))
        guard problems.isEmpty else { throw NominationProblems(problems) }
        return list.candidates(register: register)
    }

    // A list's people are looked up in one query per table, not one per person.

    static func register(for numbers: [VoterNumber], in tx: any SQLTransaction) async throws -> [VoterNumber: Voter] {
        guard !numbers.isEmpty else { return [:] }
        let rows = try await tx.sql.raw("SELECT * FROM voters WHERE voter_number IN (\(binds: Set(numbers).map(\.value)))").all()
        return Dictionary(try rows.map(Rows.voter).map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func standing(_ numbers: [VoterNumber], in tx: any SQLTransaction) async throws -> [VoterNumber: ListPlace] {
        guard !numbers.isEmpty else { return [:] }
        let rows = try await tx.sql.raw("""
            SELECT voter_number, party_id, constituency_code FROM candidates WHERE voter_number IN (\(binds: Set(numbers).map(\.description)))
            """).all()
        return Dictionary(try rows.compactMap { row in
            try Rows.optionalVoterNumber(row).map {
                ($0, ListPlace(party: try Rows.party(row, "party_id"), constituency: try Rows.code(row, "constituency_code")))
            }
        }, uniquingKeysWith: { first, _ in first })
    }

    /// Which of these people sit on a commission.
    static func commissionMembers(_ numbers: [VoterNumber], in tx: any SQLTransaction) async throws -> Set<VoterNumber> {
        guard !numbers.isEmpty else { return [] }
        let rows = try await tx.sql.raw("""
            SELECT voter_number FROM commission_members WHERE voter_number IN (\(binds: Set(numbers).map(\.description)))
            """).all()
        return Set(try rows.compactMap(Rows.optionalVoterNumber))
    }

    static func list(_ party: PartyNumber, _ constituency: ProvinceCode, in tx: any SQLTransaction) async throws -> [Candidate] {
        try await tx.sql.raw("""
            SELECT * FROM candidates WHERE party_id = \(bind: party.rawValue) AND constituency_code = \(bind: constituency.rawValue)
            ORDER BY list_position
            """).all().map(Rows.candidate)
    }

    static func deleteList(_ party: PartyNumber, _ constituency: ProvinceCode, in tx: any SQLTransaction) async throws {
        try await tx.sql.raw("""
            DELETE FROM candidates WHERE party_id = \(bind: party.rawValue) AND constituency_code = \(bind: constituency.rawValue)
            """).run()
    }

    static func insert(_ change: CandidateChange, officialID: OfficialID, in tx: any SQLTransaction) async throws {
        try await tx.sql.raw("""
            INSERT INTO candidate_changes (kind, party_id, constituency_code, list_position, former_name_km, former_name_latin,
                replacement_name_km, replacement_name_latin, reason, official_id, recorded_at)
            VALUES (\(bind: change.kind.rawValue), \(bind: change.party.rawValue), \(bind: change.constituency.rawValue),
                \(bind: change.position), \(bind: change.former.khmer), \(bind: change.former.latin),
                \(bind: change.replacement?.khmer), \(bind: change.replacement?.latin), \(bind: change.reason),
                \(bind: officialID.rawValue), \(bind: ISO8601.string(change.recordedAt)))
            """).run()
    }

    static func numbers(_ parties: [PartyNumber]) -> String { parties.map(\.description).joined(separator: " ") }

    static func numbers(_ text: String) throws -> [PartyNumber] {
        try text.split(separator: " ").map {
            guard let number = PartyNumber($0) else { throw Rows.Malformed(column: "ballot_order", value: text) }
            return number
        }
    }
}
