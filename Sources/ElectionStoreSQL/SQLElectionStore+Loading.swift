import ElectionCore
import ElectionStore
import SQLKit

extension SQLElectionStore {
    public func loadElection(
        _ reference: ElectionReferenceData,
        voters: @Sendable (_ store: @Sendable ([Voter]) async throws -> Void) async throws -> Void
    ) async throws {
        try await changingRegister(.register) { tx in
            let existing = try await tx.sql.raw("SELECT COUNT(*) AS n FROM election").first()?
                .decode(column: "n", as: Int.self) ?? 0
            guard existing == 0 else { throw StoreError.alreadyLoaded }
            try await Self.insertReference(reference, in: tx)
            // Building an index once over sorted keys is several times faster than growing it one
            // random insert at a time, so the register's secondary indexes are dropped while it
            // loads and recreated from their own definitions afterwards, in the same transaction.
            let indexes = try await Self.secondaryIndexes(of: "voters", in: tx.sql, tx.dialect)
            for index in indexes {
                try await tx.sql.raw("DROP INDEX \(unsafeRaw: index.name)").run()
            }
            // PostgreSQL checks a foreign key row by row with a trigger; checking it once for the
            // whole table when it is added back is much faster. (SQLite cannot drop a constraint.)
            let foreignKeys = try await Self.foreignKeys(of: "voters", in: tx.sql, tx.dialect)
            for key in foreignKeys {
                try await tx.sql.raw("ALTER TABLE voters DROP CONSTRAINT \(unsafeRaw: key.name)").run()
            }
            try await voters { batch in
                try await tx.bulkInsert(
                    into: "voters", columns: Self.voterColumns, rows: await RegisterEntry.entries(of: batch).map(Self.voterRow))
            }
            try await Self.createIndexes(indexes.map(\.definition), in: tx)
            for key in foreignKeys {
                try await tx.sql.raw("ALTER TABLE voters ADD CONSTRAINT \(unsafeRaw: key.name) \(unsafeRaw: key.definition)").run()
            }
            // Freshly filled tables have no statistics; without them PostgreSQL once took minutes
            // over a join that takes milliseconds. A bare ANALYZE on PostgreSQL would take in
            // every schema of the database, and lock tables other loads hold (a deadlock when two
            // elections load side by side): only this schema's tables are analysed.
            // And only those that hold rows. An empty table analysed is recorded as empty, and each
            // connection then plans its foreign-key checks against it as a scan of the whole table,
            // a plan it keeps while the table fills: on results night every entry's votes were
            // checked against every entry before them. A table never analysed is planned by its key.
            if tx.dialect == .postgres {
                var tables: [String] = []
                for row in try await tx.sql.raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename").all() {
                    let table = try Rows.text(row, "tablename")
                    if try await tx.sql.raw("SELECT 1 AS held FROM \(ident: table) LIMIT 1").first() != nil { tables.append(table) }
                }
                if !tables.isEmpty {
                    try await tx.sql.raw("ANALYZE \(idents: tables, joinedBy: ", ")").run()
                }
            } else {
                try await tx.sql.raw("ANALYZE").run()
            }
        }
    }

    public func referenceData() async throws -> ElectionReferenceData {
        try await snapshot { store in
            let outlines = try await store.all("SELECT code, geojson FROM constituency_outlines ORDER BY code") {
                (try Rows.text($0, "code"), try Rows.text($0, "geojson"))
            }
            let provenance = try await store.all("SELECT key, value FROM provenance ORDER BY key") {
                (try Rows.text($0, "key"), try Rows.text($0, "value"))
            }
            return ElectionReferenceData(
                election: try await store.election(),
                constituencies: try await store.constituencies(),
                outlines: Dictionary(uniqueKeysWithValues: outlines),
                communes: try await store.all("SELECT * FROM communes ORDER BY code", Rows.commune),
                pollingStations: try await store.all("SELECT * FROM polling_stations ORDER BY code", Rows.pollingStation),
                commissions: try await store.all("SELECT * FROM commissions ORDER BY id", Rows.commission),
                commissionMembers: try await store.all("SELECT * FROM commission_members ORDER BY commission_id, seat", Rows.commissionMember),
                parties: try await store.parties(),
                candidates: try await store.candidates(),
                calendar: try await store.calendar().entries,
                commissionSizes: try await store.commissionSizes(),
                provenance: Dictionary(uniqueKeysWithValues: provenance))
        }
    }

    /// Runs index definitions; on SQLite with the small page cache that makes its sort fastest.
    static func createIndexes(_ definitions: [String], in tx: any SQLTransaction) async throws {
        guard !definitions.isEmpty else { return }
        let sqlite = tx.dialect == .sqlite
        if sqlite { try await tx.sql.raw("PRAGMA cache_size = \(unsafeRaw: String(SQLiteEngine.indexBuildCachePages))").run() }
        for definition in definitions { try await tx.sql.raw("\(unsafeRaw: definition)").run() }
        if sqlite { try await tx.sql.raw("PRAGMA cache_size = \(unsafeRaw: String(SQLiteEngine.writerCachePages))").run() }
    }

    /// The foreign keys of `table` on PostgreSQL, as the database defines them; none on SQLite.
    static func foreignKeys(
        of table: String, in db: any SQLDatabase, _ dialect: SQLDialect
    ) async throws -> [(name: String, definition: String)] {
        guard dialect == .postgres else { return [] }
        return try await db.raw("""
            SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
            WHERE conrelid = \(bind: table)::regclass AND contype = 'f' ORDER BY conname
            """).all().map {
            (try $0.decode(column: "name", as: String.self), try $0.decode(column: "definition", as: String.self))
        }
    }

    /// Names of the secondary indexes on `table`, for checking that a load left them in place.
    func secondaryIndexNames(of table: String) async throws -> [String] {
        let dialect = engine.dialect
        return try await engine.read { db in try await Self.secondaryIndexes(of: table, in: db, dialect).map(\.name) }
    }

    /// The indexes of `table` other than those behind its constraints, as the database defines them.
    static func secondaryIndexes(
        of table: String, in db: any SQLDatabase, _ dialect: SQLDialect
    ) async throws -> [(name: String, definition: String)] {
        let query: SQLQueryString = dialect == .sqlite
            ? "SELECT name, sql AS definition FROM sqlite_master WHERE type = 'index' AND tbl_name = \(bind: table) AND sql IS NOT NULL ORDER BY name"
            : """
              SELECT indexname AS name, indexdef AS definition FROM pg_indexes
              WHERE schemaname = current_schema() AND tablename = \(bind: table)
              AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY indexname
              """
        return try await db.raw(query).all().map {
            (try $0.decode(column: "name", as: String.self), try $0.decode(column: "definition", as: String.self))
        }
    }

    private static func insertReference(_ r: ElectionReferenceData, in tx: any SQLTransaction) async throws {
        let e = r.election
        try await tx.bulkInsert(
            into: "election",
            columns: ["id", "name_en", "name_km", "election_day", "polls_open", "polls_close", "seats",
                      "seat_method", "minimum_voting_age", "minimum_candidate_age", "citizenship", "utc_offset_minutes",
                      "minimum_reserve_candidates", "maximum_reserve_candidates", "kind",
                      "seat_threshold_percent", "seat_threshold_scope", "seat_ties", "turnout_times"],
            rows: [[.text(e.id), .text(e.nameEnglish), .text(e.nameKhmer), .text(e.electionDay.iso),
                    .text(e.pollsOpen), .text(e.pollsClose), .integer(e.seats), .text(e.seatAllocationMethod),
                    .integer(e.minimumVotingAge), .integer(e.minimumCandidateAge), .text(e.citizenship),
                    .integer(e.utcOffsetMinutes), .integer(e.reserveCandidates.lowerBound), .integer(e.reserveCandidates.upperBound),
                    .text(e.kind), e.seatRules.thresholdPercent.map { .text($0) } ?? .null, .text(e.seatRules.thresholdScope.rawValue),
                    .text(e.seatRules.ties.rawValue), .text((e.turnoutTimes ?? []).joined(separator: ","))]])
        try await tx.bulkInsert(
            into: "calendar", columns: ["milestone", "opens", "closes"],
            rows: r.calendar.map { [.text($0.milestone.rawValue), .text($0.opens.iso), .text($0.closes.iso)] })
        try await tx.bulkInsert(
            into: "provenance", columns: ["key", "value"],
            rows: r.provenance.sorted { $0.key < $1.key }.map { [.text($0.key), .text($0.value)] })
        try await tx.bulkInsert(
            into: "constituencies", columns: ["code", "name_en", "name_km", "kind", "seats"],
            rows: r.constituencies.map {
                [.text($0.id.rawValue), .text($0.nameEnglish), .text($0.nameKhmer), .text($0.kind), .integer($0.seats)]
            })
        try await tx.bulkInsert(
            into: "constituency_outlines", columns: ["code", "geojson"],
            rows: r.outlines.sorted { $0.key < $1.key }.map { [.text($0.key), .text($0.value)] })
        try await tx.bulkInsert(
            into: "communes", columns: Self.communeColumns, rows: r.communes.map(Self.communeRow))
        try await tx.bulkInsert(into: "polling_stations", columns: Self.stationColumns, rows: r.pollingStations.map(Self.stationRow))
        try await tx.bulkInsert(
            into: "commissions", columns: ["id", "level", "unit_code", "name_en", "name_km"],
            rows: r.commissions.map {
                [.text($0.id), .text($0.level.rawValue), .text($0.unitCode.rawValue), .text($0.nameEnglish), .text($0.nameKhmer)]
            })
        try await tx.bulkInsert(
            into: "commission_members", columns: Self.memberColumns, rows: r.commissionMembers.map(Self.memberRow))
        try await tx.bulkInsert(
            into: "commission_sizes", columns: ["level", "minimum", "maximum"],
            rows: r.commissionSizes.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                [.text($0.key.rawValue), .integer($0.value.lowerBound), .integer($0.value.upperBound)]
            })
        try await tx.bulkInsert(
            into: "parties", columns: ["id", "name_en", "name_km", "abbreviation"],
            rows: r.parties.map { [.integer($0.id.rawValue), .text($0.nameEnglish), .text($0.nameKhmer), .text($0.abbreviation)] })
        try await tx.bulkInsert(
            into: "candidates",
            columns: Self.candidateColumns, rows: r.candidates.map(Self.candidateRow))
    }

    static let candidateColumns = ["party_id", "constituency_code", "list_position", "name_km", "name_latin", "sex", "birth_date", "voter_number"]

    static func candidateRow(_ c: Candidate) -> [BulkValue] {
        [.integer(c.partyID.rawValue), .text(c.constituencyCode.rawValue), .integer(c.listPosition), .text(c.name.khmer),
         .text(c.name.latin), .text(c.sex.rawValue), .text(c.dateOfBirth.iso), c.voterNumber.map { .text($0.description) } ?? .null]
    }

    static let communeColumns = [
        "code", "province_code", "district_code", "district_name", "name_en", "name_km", "kind", "latitude", "longitude", "district_name_km",
    ]

    static func communeRow(_ c: Commune) -> [BulkValue] {
        [.text(c.id.rawValue), .text(c.provinceCode.rawValue), .text(c.districtCode), .text(c.districtName), .text(c.nameEnglish),
         .text(c.nameKhmer), .text(c.kind), c.approximatePosition.map { .real($0.latitude) } ?? .null,
         c.approximatePosition.map { .real($0.longitude) } ?? .null, .text(c.districtNameKhmer)]
    }

    static let stationColumns = [
        "code", "commune_code", "name_en", "name_km", "address_en", "address_km", "latitude", "longitude", "registered_voters",
        "ramp", "ground_floor", "assistance",
    ]

    static func stationRow(_ s: PollingStation) -> [BulkValue] {
        [.text(s.id.rawValue), .text(s.communeCode.rawValue), .text(s.nameEnglish), .text(s.nameKhmer), .text(s.addressEnglish),
         .text(s.addressKhmer), .real(s.position.latitude), .real(s.position.longitude), .integer(s.registeredVoters),
         .flag(s.accessibility.ramp), .flag(s.accessibility.groundFloor), .flag(s.accessibility.assistance)]
    }

    static let memberColumns = ["commission_id", "seat", "role", "name_km", "name_latin", "sex", "voter_number"]

    static func memberRow(_ m: CommissionMember) -> [BulkValue] {
        [.text(m.commissionID), .integer(m.seat), .text(m.role.rawValue), .text(m.name.khmer), .text(m.name.latin), .text(m.sex.rawValue),
         m.voterNumber.map { .text($0.description) } ?? .null]
    }
}
