import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: RegisterStore {
    /// The columns of a voter row, in the order of ``voterRow(_:)``.
    static let voterColumns = [
        "voter_number", "station_code", "name_km", "name_latin", "sex", "birth_date", "name_key", "latin_key", "latin_name_key",
    ]

    static func voterRow(_ entry: RegisterEntry) -> [BulkValue] {
        voterRow(entry.voter) + [.text(entry.nameKey), .text(entry.latinKey), .text(entry.latinNameKey)]
    }

    /// The voter's own columns, the first six of ``voterColumns`` (cases of duplicates keep these).
    static func voterRow(_ v: Voter) -> [BulkValue] {
        [.integer(v.number.value), .text(v.stationCode.rawValue), .text(v.name.khmer), .text(v.name.latin),
         .text(v.sex.rawValue), .text(v.dateOfBirth.iso)]
    }

    public func stationsWithVoters() async throws -> Set<StationCode> {
        Set(try await all("SELECT DISTINCT station_code FROM voters") { try Rows.code($0, "station_code") })
    }

    public func pollingStationCodes() async throws -> Set<StationCode> {
        Set(try await all("SELECT code FROM polling_stations") { try Rows.code($0, "code", as: StationCode.self) })
    }

    public func voter(_ number: VoterNumber) async throws -> Voter {
        try await one("SELECT * FROM voters WHERE voter_number = \(bind: number.value)", Rows.voter, "voter", number.description)
    }

    // MARK: Imports

    public func registerImport(fileDigest: String) async throws -> RegisterImport? {
        try await all("SELECT * FROM register_imports WHERE file_digest = \(bind: fileDigest) ORDER BY id DESC LIMIT 1",
                      Self.registerImport).first
    }

    public func startRegisterImport(
        fileName: String, fileDigest: String, fileSize: Int64, actor: String, at time: Date
    ) async throws -> RegisterImport {
        try await engine.withTransaction { tx in
            let row = try await tx.sql.raw("""
                INSERT INTO register_imports (file_name, file_digest, file_size, actor, started_at)
                VALUES (\(bind: fileName), \(bind: fileDigest), \(bind: fileSize), \(bind: actor), \(bind: ISO8601.string(time)))
                RETURNING id
                """).first()
            guard let id = try row?.decode(column: "id", as: Int.self) else { throw StoreError.refused("the import was not numbered") }
            return RegisterImport(id: id, fileName: fileName, fileDigest: fileDigest, fileSize: fileSize, actor: actor,
                                  startedAt: time, finishedAt: nil, progress: .init())
        }
    }

    public func importVoters(
        _ batch: [RegisterEntry], into importID: Int,
        recording: @Sendable (VoterBatchOutcome) async throws -> RegisterImport.Progress
    ) async throws -> VoterBatchOutcome {
        do {
            // Most batches are all new: insert them in one pass, and only if some number was on the
            // register already start again comparing each voter with the register.
            return try await changingRegister(.register) { tx in
                let added = try await tx.bulkInsertNew(into: "voters", columns: Self.voterColumns, rows: batch.map(Self.voterRow))
                guard added == batch.count else { throw SomeAlreadyRegistered() }
                let outcome = VoterBatchOutcome(added: added, alreadyRegistered: [], conflicts: [])
                try await Self.record(try await recording(outcome), of: importID, in: tx)
                return outcome
            }
        } catch is SomeAlreadyRegistered {
            return try await changingRegister(.register) { tx in
                var registered: [Int: Voter] = [:]
                for chunk in batch.map(\.voter.number.value).chunked(5_000) {
                    for voter in try await tx.sql.raw("SELECT * FROM voters WHERE voter_number IN \(list: chunk)").all().map(Rows.voter) {
                        registered[voter.number.value] = voter
                    }
                }
                var fresh: [RegisterEntry] = []
                var outcome = VoterBatchOutcome(added: 0, alreadyRegistered: [], conflicts: [])
                for (position, entry) in batch.enumerated() {
                    if let existing = registered[entry.voter.number.value] {
                        if existing == entry.voter {
                            outcome.alreadyRegistered.append(position)
                        } else {
                            outcome.conflicts.append(.init(position: position, registered: existing))
                        }
                    } else {
                        fresh.append(entry)
                        registered[entry.voter.number.value] = entry.voter
                    }
                }
                try await tx.bulkInsert(into: "voters", columns: Self.voterColumns, rows: fresh.map(Self.voterRow))
                outcome.added = fresh.count
                try await Self.record(try await recording(outcome), of: importID, in: tx)
                return outcome
            }
        }
    }

    private struct SomeAlreadyRegistered: Error {}

    private static func record(_ p: RegisterImport.Progress, of importID: Int, in tx: any SQLTransaction) async throws {
        try await tx.sql.raw("""
            UPDATE register_imports SET bytes_read = \(bind: p.bytesRead), rows_read = \(bind: p.rows), added = \(bind: p.added),
                already_registered = \(bind: p.alreadyRegistered), rejected = \(bind: p.rejected), rejects_bytes = \(bind: p.rejectsBytes)
            WHERE id = \(bind: importID)
            """).run()
    }

    public func deferRegisterIndexes(during importID: Int) async throws {
        try await engine.withTransaction { tx in
            let indexes = try await Self.secondaryIndexes(of: "voters", in: tx.sql, tx.dialect)
            guard !indexes.isEmpty else { return }
            let definitions = String(decoding: try JSONEncoder().encode(indexes.map(\.definition)), as: UTF8.self)
            try await tx.sql.raw("UPDATE register_imports SET deferred_indexes = \(bind: definitions) WHERE id = \(bind: importID)").run()
            for index in indexes { try await tx.sql.raw("DROP INDEX \(unsafeRaw: index.name)").run() }
        }
    }

    public func finishRegisterImport(id: Int, at time: Date) async throws {
        try await engine.withTransaction { tx in
            let deferred = try await tx.sql.raw("SELECT deferred_indexes FROM register_imports WHERE id = \(bind: id)").first()?
                .decode(column: "deferred_indexes", as: String?.self)
            if let deferred {
                let present = Set(try await Self.secondaryIndexes(of: "voters", in: tx.sql, tx.dialect).map(\.name))
                let missing = try JSONDecoder().decode([String].self, from: Data(deferred.utf8))
                    .filter { definition in !present.contains { definition.contains(" \($0) ") } }
                try await Self.createIndexes(missing, in: tx)
            }
            try await tx.sql.raw("""
                UPDATE register_imports SET finished_at = \(bind: ISO8601.string(time)), deferred_indexes = NULL WHERE id = \(bind: id)
                """).run()
            // The planner's statistics are stale after millions of rows. On SQLite, a sample of
            // each index is enough for the planner and takes a moment rather than a full pass.
            if tx.dialect == .sqlite { try await tx.sql.raw("PRAGMA analysis_limit = 1000").run() }
            try await tx.sql.raw("ANALYZE voters").run()
        }
    }

    static func registerImport(_ row: any SQLRow) throws -> RegisterImport {
        let finished = try row.decode(column: "finished_at", as: String?.self)
        return RegisterImport(
            id: try row.decode(column: "id", as: Int.self),
            fileName: try row.decode(column: "file_name", as: String.self),
            fileDigest: try row.decode(column: "file_digest", as: String.self),
            fileSize: try row.decode(column: "file_size", as: Int64.self),
            actor: try row.decode(column: "actor", as: String.self),
            startedAt: try ISO8601.date(try row.decode(column: "started_at", as: String.self)),
            finishedAt: try finished.map(ISO8601.date),
            progress: .init(
                bytesRead: try row.decode(column: "bytes_read", as: Int64.self),
                rows: try row.decode(column: "rows_read", as: Int.self),
                added: try row.decode(column: "added", as: Int.self),
                alreadyRegistered: try row.decode(column: "already_registered", as: Int.self),
                rejected: try row.decode(column: "rejected", as: Int.self),
                rejectsBytes: try row.decode(column: "rejects_bytes", as: Int64.self)))
    }

    // MARK: Changes

    /// Runs `body` in a transaction that changes what the public registration check answers: the
    /// change goes into the register log for every server's index, and this process's index does
    /// not answer about it until it has read the log.
    func changingRegister<T: Sendable>(
        _ scope: RegisterLog.Scope, voter: VoterNumber? = nil, _ body: @Sendable (any SQLTransaction) async throws -> T
    ) async throws -> T {
        registrationIndex.expect(scope, voter: voter)
        defer { registrationIndex.expect(scope, voter: voter) }
        return try await engine.withTransaction { tx in
            let value = try await body(tx)
            try await RegisterLog.note(scope, voter: voter, in: tx)
            return value
        }
    }

    public func registerVoter(_ voter: Voter, reason: String, by official: Official, at time: Date) async throws -> RegisterChange {
        try Self.permit(official, at: voter.stationCode)
        return try await changingRegister(.voter, voter: voter.number) { tx in
            try await Self.requireStation(voter.stationCode, in: tx)
            let taken = try await tx.sql.raw("SELECT voter_number FROM voters WHERE voter_number = \(bind: voter.number.value)").first()
            guard taken == nil else { throw StoreError.duplicate("voter", voter.number.description) }
            try await tx.bulkInsert(into: "voters", columns: Self.voterColumns, rows: [Self.voterRow(RegisterEntry(voter))])
            let change = RegisterChange(kind: .registered, voter: voter, reason: reason, official: official.name, at: time)
            try await Self.insert(change, officialID: official.id, in: tx)
            return change
        }
    }

    public func moveVoter(
        _ number: VoterNumber, to stationCode: StationCode, reason: String, by official: Official, at time: Date
    ) async throws -> RegisterChange {
        try Self.permit(official, at: stationCode)
        return try await changingRegister(.voter, voter: number) { tx in
            try await Self.requireStation(stationCode, in: tx)
            var voter = try await Self.voter(number, in: tx)
            // Moving someone out of another unit needs that unit too.
            try Self.permit(official, at: voter.stationCode)
            let from = voter.stationCode
            guard from != stationCode else { throw Refusal(.noChange, field: "station", "voter \(number) is registered at \(stationCode) already") }
            try await tx.sql.raw("UPDATE voters SET station_code = \(bind: stationCode.rawValue) WHERE voter_number = \(bind: number.value)").run()
            voter.stationCode = stationCode
            let change = RegisterChange(kind: .moved, voter: voter, fromStation: from, reason: reason, official: official.name, at: time)
            try await Self.insert(change, officialID: official.id, in: tx)
            return change
        }
    }

    public func removeVoter(_ number: VoterNumber, reason: String, by official: Official, at time: Date) async throws -> RegisterChange {
        try await changingRegister(.voter, voter: number) { tx in
            let voter = try await Self.voter(number, in: tx)
            try Self.permit(official, at: voter.stationCode)
            try await tx.sql.raw("DELETE FROM voters WHERE voter_number = \(bind: number.value)").run()
            let change = RegisterChange(kind: .removed, voter: voter, reason: reason, official: official.name, at: time)
            try await Self.insert(change, officialID: official.id, in: tx)
            return change
        }
    }

    public func fixVoterList(by official: Official, at time: Date) async throws -> VoterListFixing {
        try official.require(.fixVoterList, on: .nation)
        let calendar = try await calendar()
        let today = try await election().localDay(at: time)
        return try await changingRegister(.register) { tx in
            // On PostgreSQL a second fixing at the same time waits here, then finds the first.
            if tx.dialect == .postgres { try await tx.sql.raw("LOCK TABLE voter_list_fixing IN EXCLUSIVE MODE").run() }
            let fixed = try await tx.sql.raw("SELECT singleton FROM voter_list_fixing").first() != nil
            try calendar.requireVoterListFixable(on: today, alreadyFixed: fixed)
            guard let cutOff = calendar.voterListCutOff else { throw StoreError.refused("the calendar has no voter registration") }
            try await tx.sql.raw("""
                INSERT INTO voter_list (voter_number, station_code, name_km, name_latin, sex, birth_date)
                SELECT voter_number, station_code, name_km, name_latin, sex, birth_date FROM voters
                """).run()
            let voters = try await tx.sql.raw("SELECT COUNT(*) AS n FROM voter_list").first().map { try Rows.integer($0, "n") } ?? 0
            let fixing = VoterListFixing(cutOff: cutOff, fixedAt: time, officialName: official.name, voters: voters)
            try await tx.sql.raw("""
                INSERT INTO voter_list_fixing (singleton, cut_off, fixed_at, official_id, voters)
                VALUES (1, \(bind: fixing.cutOff.iso), \(bind: ISO8601.string(time)), \(bind: official.id.rawValue), \(bind: voters))
                """).run()
            return fixing
        }
    }

    public func voterListFixing() async throws -> VoterListFixing? {
        try await all("""
            SELECT f.cut_off, f.fixed_at, f.voters, o.name AS official_name FROM voter_list_fixing f JOIN officials o ON o.id = f.official_id
            """) { row in
            VoterListFixing(
                cutOff: try Rows.date(row, "cut_off"), fixedAt: try ISO8601.date(try Rows.text(row, "fixed_at")),
                officialName: try Rows.text(row, "official_name"), voters: try Rows.integer(row, "voters"))
        }.first
    }

    public func registerChanges(voter number: VoterNumber) async throws -> [RegisterChange] {
        try await all("""
            SELECT c.*, o.name AS official_name FROM register_changes c JOIN officials o ON o.id = c.official_id
            WHERE c.voter_number = \(bind: number.value) ORDER BY c.id
            """) { row in
            guard let kind = RegisterChange.Kind(rawValue: try row.decode(column: "kind", as: String.self)) else {
                throw Rows.Malformed(column: "kind", value: try row.decode(column: "kind", as: String.self))
            }
            return RegisterChange(
                kind: kind, voter: try Rows.voter(row), fromStation: try row.decode(column: "from_station", as: String?.self).map {
                    guard let code = StationCode(rawValue: $0) else { throw Rows.Malformed(column: "from_station", value: $0) }
                    return code
                },
                reason: try row.decode(column: "reason", as: String.self),
                official: try row.decode(column: "official_name", as: String.self),
                at: try ISO8601.date(try row.decode(column: "changed_at", as: String.self)))
        }
    }

    private static func permit(_ official: Official, at stationCode: StationCode) throws {
        try official.require(.changeRegister, on: .station(stationCode))
    }

    private static func requireStation(_ code: StationCode, in tx: any SQLTransaction) async throws {
        guard try await tx.sql.raw("SELECT code FROM polling_stations WHERE code = \(bind: code.rawValue)").first() != nil else {
            throw StoreError.notFound("polling station", code.rawValue)
        }
    }

    private static func voter(_ number: VoterNumber, in tx: any SQLTransaction) async throws -> Voter {
        guard let row = try await tx.sql.raw("SELECT * FROM voters WHERE voter_number = \(bind: number.value)").first() else {
            throw StoreError.notFound("voter", number.description)
        }
        return try Rows.voter(row)
    }

    private static func insert(_ change: RegisterChange, officialID: OfficialID, in tx: any SQLTransaction) async throws {
        let v = change.voter
        try await tx.sql.raw("""
            INSERT INTO register_changes (kind, voter_number, station_code, name_km, name_latin, sex, birth_date,
                                          from_station, reason, official_id, changed_at)
            VALUES (\(bind: change.kind.rawValue), \(bind: v.number.value), \(bind: v.stationCode.rawValue), \(bind: v.name.khmer),
                    \(bind: v.name.latin), \(bind: v.sex.rawValue), \(bind: v.dateOfBirth.iso), \(bind: change.fromStation?.rawValue),
                    \(bind: change.reason), \(bind: officialID.rawValue), \(bind: ISO8601.string(change.at)))
            """).run()
    }

    // MARK: Search

    public func searchVoters(_ search: VoterSearch) async throws -> [VoterMatch] {
        let typed = search.typed
        guard !typed.nameKey.isEmpty else { return [] }
        guard search.dateOfBirth != nil else {
            guard !typed.latinKey.isEmpty else { return [] }
            // Without a date, the name's sound narrows the register (an index), at most 5,000 voters.
            return search.ranked(try await all(
                "SELECT * FROM voters WHERE latin_key = \(bind: typed.latinKey) ORDER BY voter_number LIMIT 5000",
                Rows.registerEntry))
        }
        let dates = search.dates.map(\.iso)
        // Exact and same-sound matches are picked by the database among the voters of the date;
        // only when there are none are all the voters of the date ranked, for names one slip away.
        let exactOrSameSound = search.ranked(try await all("""
            SELECT * FROM voters WHERE birth_date IN \(list: dates)
            AND (name_key = \(bind: typed.nameKey) OR latin_name_key = \(bind: typed.nameKey) OR latin_key = \(bind: typed.latinKey))
            """, Rows.registerEntry))
        if !exactOrSameSound.isEmpty { return exactOrSameSound }
        return search.ranked(try await all("SELECT * FROM voters WHERE birth_date IN \(list: dates)", Rows.registerEntry))
    }

    // MARK: Duplicates

    public func findDuplicates(_ rule: DuplicateRule) async throws -> DuplicateScan {
        let key = rule.name == .exact ? "name_key" : "latin_key"
        let place = rule.place.codePrefixLength == 0 ? nil : "substr(station_code, 1, \(rule.place.codePrefixLength))"
        // PostgreSQL refuses a constant in GROUP BY: the place is grouped on only when the rule has one.
        let grouping = ([key, "birth_date"] + (place.map { [$0] } ?? [])).joined(separator: ", ")
        let now = ISO8601.now()
        let ruleText = rule.description
        return try await engine.withTransaction { tx in
            // One pass groups the register by the rule's key; a second reads the voters of the
            // groups with more than one.
            let rows = try await tx.sql.raw("""
                SELECT \(unsafeRaw: key) AS group_name, \(unsafeRaw: place ?? "''") AS group_place, v.* FROM voters v
                WHERE (\(unsafeRaw: grouping)) IN (
                    SELECT \(unsafeRaw: grouping) FROM voters GROUP BY \(unsafeRaw: grouping) HAVING COUNT(*) > 1)
                ORDER BY \(unsafeRaw: grouping), voter_number
                """).all()
            var groups: [(key: String, voters: [Voter])] = []
            var voters = 0
            for row in rows {
                let voter = try Rows.voter(row)
                let groupKey = "\(try row.decode(column: "group_name", as: String.self))|\(voter.dateOfBirth.iso)|"
                    + (try row.decode(column: "group_place", as: String.self))
                voters += 1
                if groups.last?.key == groupKey { groups[groups.count - 1].voters.append(voter) } else { groups.append((groupKey, [voter])) }
            }
            // Cases are numbered here, so that the new ones go in with one multi-row statement a table.
            if tx.dialect == .postgres { try await tx.sql.raw("LOCK TABLE duplicate_cases IN EXCLUSIVE MODE").run() }
            let queued = Set(try await tx.sql.raw("SELECT group_key FROM duplicate_cases WHERE rule = \(bind: ruleText)").all()
                .map { try Rows.text($0, "group_key") })
            var nextID = try await tx.sql.raw("SELECT COALESCE(MAX(id), 0) AS n FROM duplicate_cases").first()
                .map { try Rows.integer($0, "n") } ?? 0
            var cases: [[BulkValue]] = []
            var caseVoters: [[BulkValue]] = []
            for group in groups {
                let caseKey = group.key + "|" + group.voters.map(\.number.description).joined(separator: ",")
                guard !queued.contains(caseKey) else { continue }
                nextID += 1
                cases.append([.integer(nextID), .text(ruleText), .text(caseKey), .text(now)])
                for voter in group.voters { caseVoters.append([.integer(nextID)] + Self.voterRow(voter)) }
            }
            try await tx.bulkInsert(into: "duplicate_cases", columns: ["id", "rule", "group_key", "opened_at"], rows: cases)
            try await tx.bulkInsert(into: "duplicate_case_voters", columns: ["case_id"] + Self.voterColumns.prefix(6), rows: caseVoters)
            let newCases = cases.count
            return DuplicateScan(rule: rule, groups: groups.count, voters: voters, newCases: newCases)
        }
    }

    public func duplicateCases(undecidedOnly: Bool, within unit: UnitCode, limit: Int) async throws -> [DuplicateCase] {
        let undecided: SQLQueryString = undecidedOnly ? """
            AND COALESCE((SELECT d.verdict FROM duplicate_decisions d WHERE d.case_id = c.id ORDER BY d.id DESC LIMIT 1), 'unsure') = 'unsure'
            """ : ""
        let found = try await all("""
            SELECT c.id, c.rule FROM duplicate_cases c
            WHERE NOT EXISTS (SELECT 1 FROM duplicate_case_voters v WHERE v.case_id = c.id
                              AND substr(v.station_code, 1, \(unsafeRaw: String(unit.rawValue.count))) <> \(bind: unit.rawValue))
            \(undecided)
            ORDER BY c.id LIMIT \(bind: limit)
            """) { (try Rows.integer($0, "id"), try Rows.text($0, "rule")) }
        return try await cases(found)
    }

    public func duplicateCase(_ id: Int) async throws -> DuplicateCase {
        let rule = try await one("SELECT rule FROM duplicate_cases WHERE id = \(bind: id)", {
            try $0.decode(column: "rule", as: String.self)
        }, "duplicate case", String(id))
        return try await cases([(id, rule)])[0]
    }

    /// The cases with these numbers and rules, with their voters and latest decisions: two queries
    /// however many cases.
    private func cases(_ found: [(id: Int, rule: String)]) async throws -> [DuplicateCase] {
        guard !found.isEmpty else { return [] }
        let ids = found.map(\.id)
        var voters: [Int: [Voter]] = [:]
        for row in try await all("""
            SELECT * FROM duplicate_case_voters WHERE case_id IN \(list: ids) ORDER BY case_id, voter_number
            """, { (try Rows.integer($0, "case_id"), try Rows.voter($0)) }) {
            voters[row.0, default: []].append(row.1)
        }
        var decisions: [Int: DuplicateDecision] = [:]
        // Oldest first, so each case keeps its latest decision.
        for row in try await all("""
            SELECT d.case_id, d.verdict, d.note, d.decided_at, o.name FROM duplicate_decisions d JOIN officials o ON o.id = d.official_id
            WHERE d.case_id IN \(list: ids) ORDER BY d.id
            """, { row -> (Int, DuplicateDecision) in
            let text = try Rows.text(row, "verdict")
            guard let verdict = DuplicateDecision.Verdict(rawValue: text) else { throw Rows.Malformed(column: "verdict", value: text) }
            return (try Rows.integer(row, "case_id"),
                    DuplicateDecision(verdict: verdict, note: try Rows.text(row, "note"), official: try Rows.text(row, "name"),
                                      at: try ISO8601.date(try Rows.text(row, "decided_at"))))
        }) {
            decisions[row.0] = row.1
        }
        return found.map { DuplicateCase(id: $0.id, rule: $0.rule, voters: voters[$0.id] ?? [], decision: decisions[$0.id]) }
    }

    public func decide(duplicateCase id: Int, _ decision: DuplicateDecision, by official: Official) async throws {
        let found = try await duplicateCase(id)
        try official.require(.decideDuplicate, onEveryOf: found.voters.map { .station($0.stationCode) })
        try await engine.withTransaction { tx in
            try await tx.sql.raw("""
                INSERT INTO duplicate_decisions (case_id, verdict, note, official_id, decided_at)
                VALUES (\(bind: id), \(bind: decision.verdict.rawValue), \(bind: decision.note), \(bind: official.id.rawValue), \(bind: ISO8601.string(decision.at)))
                """).run()
        }
    }
}
