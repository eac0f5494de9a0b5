import ElectionCore
import ElectionStore
import Foundation
import SQLKit

/// The election store over SQL: one implementation for SQLite and PostgreSQL.
public final class SQLElectionStore: ElectionStore, ElectionLoading {
    let engine: any SQLEngine
    /// The public registration check's answers in memory, once ``keepRegistrationIndex()`` starts it.
    let registrationIndex: RegistrationIndexKeeper

    init(engine: any SQLEngine) {
        self.engine = engine
        registrationIndex = RegistrationIndexKeeper(engine: engine, interval: .seconds(1))
    }

    /// Answers the public registration check from memory (``RegistrationIndex``): builds the index in
    /// the background (checks go to the database meanwhile), then follows every change to the
    /// register, within a second for another process's and before the next check for this one's.
    /// For a server; a command that runs once has no use for it.
    public func keepRegistrationIndex() {
        registrationIndex.start()
    }

    /// Whether the registration check is answered from memory now.
    public var registrationIndexReady: Bool { registrationIndex.isReady }

    /// Registration checks answered from memory so far (the others went to the database).
    public var registrationChecksFromMemory: Int { registrationIndex.answered.load(ordering: .relaxed) }

    /// Reads the register's changes now and applies them to the index (tests; the keeper does it by itself).
    public func catchUpRegistrationIndex() async throws {
        try await registrationIndex.catchUp()
    }

    /// Opens the SQLite file at `path` (creating it if need be) and brings its schema up to date.
    /// `bulkBuild` is for a new file that is thrown away if the build fails; see ``finishBuilding()``.
    public static func openSQLite(path: String, bulkBuild: Bool = false) async throws -> SQLElectionStore {
        try await migrated(SQLiteEngine.open(path: path, bulkBuild: bulkBuild))
    }

    /// Connects to PostgreSQL and brings its schema up to date.
    public static func connectPostgres(url: String) async throws -> SQLElectionStore {
        try await migrated(PostgresEngine.connect(url: url))
    }

    /// What PostgreSQL's own programs (pg_dump, pg_restore) need for Sala's database at `url`:
    /// the URL without Sala's `schema` item, which libpq does not know, and the schema Sala's
    /// tables live in (`public` when the URL names none).
    public static func postgresLocation(_ url: String) throws -> (url: String, schema: String) {
        let (plain, schema) = try PostgresEngine.schema(of: url)
        return (plain, schema ?? "public")
    }

    private static func migrated(_ engine: any SQLEngine) async throws -> SQLElectionStore {
        do {
            try await Migrator(migrations: Migration.bundled(for: engine.dialect)).apply(on: engine)
            engine.setSealing(true)
        } catch {
            try? await engine.close()
            throw error
        }
        return SQLElectionStore(engine: engine)
    }

    /// Which engine this store runs on.
    public var dialect: SQLDialect { engine.dialect }

    /// Makes a bulk-built SQLite file durable and ready to serve; nothing to do on PostgreSQL.
    public func finishBuilding() async throws {
        if let sqlite = engine as? SQLiteEngine { try await sqlite.finishBulkBuild() }
    }

    /// Drops every table of the store's database (SQLite) or schema (PostgreSQL), as the database's
    /// catalogue lists them, so a scenario can be built again from nothing. Sala's database is its own.
    public func dropAllTables() async throws {
        // The chain's own tables go too: nothing is left to seal into.
        engine.setSealing(false)
        try await engine.withTransaction { tx in
            switch tx.dialect {
            case .sqlite:
                // Newest first (the catalogue's rows are in creation order); a column added later may
                // refer to a newer table, so the keys are checked only at the end, when all are gone.
                try await tx.sql.raw("PRAGMA defer_foreign_keys = ON").run()
                let tables = try await tx.sql.raw("""
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                    ORDER BY rowid DESC
                    """).all().map { try $0.decode(column: "name", as: String.self) }
                for table in tables {
                    try await tx.sql.raw("DROP TABLE \(ident: table)").run()
                }
            case .postgres:
                // One statement: the tables that refer to each other go together.
                let tables = try await tx.sql.raw(
                    "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
                ).all().map { try $0.decode(column: "name", as: String.self) }
                guard !tables.isEmpty else { return }
                try await tx.sql.raw("DROP TABLE \(SQLList(tables.map { SQLIdentifier($0) }))").run()
            }
        }
    }

    /// Walks the audit chain and says whether it holds (``AuditVerdict``).
    public func verifyAuditChain() async throws -> AuditVerdict {
        try await engine.read { db in try await AuditChain.verify(db) }
    }

    public func close() async throws {
        await registrationIndex.stop()
        try await engine.close()
    }

    public func snapshot<T: Sendable>(_ body: @Sendable (SQLElectionStore) async throws -> T) async throws -> T {
        let dialect = engine.dialect
        return try await engine.snapshot { db in try await body(SQLElectionStore(engine: SnapshotEngine(dialect: dialect, db: db))) }
    }

    /// Names of the migrations recorded in the database, in order (the data steps are recorded apart).
    public func appliedMigrations() async throws -> [String] {
        try await engine.read { db in
            try await db.raw("SELECT name FROM schema_migrations ORDER BY name").all()
                .map { try $0.decode(column: "name", as: String.self) }
        }
    }

    // MARK: Election

    public func election() async throws -> Election {
        let row = try await engine.read { db in
            try await db.raw("SELECT * FROM election").first()
        }
        guard let row else { throw StoreError.empty }
        return try Rows.election(row)
    }

    public func provenance() async throws -> [String: String] {
        try await engine.read { db in
            let rows = try await db.raw("SELECT key, value FROM provenance").all()
            return try Dictionary(uniqueKeysWithValues: rows.map {
                (try $0.decode(column: "key", as: String.self), try $0.decode(column: "value", as: String.self))
            })
        }
    }

    public func statistics(countingRegister: Bool = true) async throws -> ElectionStatistics {
        try await engine.read { db in
            func count(_ query: SQLQueryString) async throws -> Int {
                guard let row = try await db.raw(query).first() else { return 0 }
                return try row.decode(column: "n", as: Int?.self) ?? 0
            }
            var members: [String: Int] = [:]
            for row in try await db.raw("""
                SELECT c.level AS level, COUNT(*) AS n FROM commission_members m
                JOIN commissions c ON c.id = m.commission_id GROUP BY c.level
                """).all() {
                members[try row.decode(column: "level", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return ElectionStatistics(
                provinces: try await count("SELECT COUNT(*) AS n FROM constituencies"),
                communes: try await count("SELECT COUNT(*) AS n FROM communes"),
                pollingStations: try await count("SELECT COUNT(*) AS n FROM polling_stations"),
                commissionMembers: members,
                registeredVoters: try await count(
                    "SELECT CAST(SUM(registered_voters) AS BIGINT) AS n FROM polling_stations"),
                votersOnRegister: countingRegister ? try await count("SELECT COUNT(*) AS n FROM voters") : nil,
                parties: try await count("SELECT COUNT(*) AS n FROM parties"),
                candidates: try await count("SELECT COUNT(*) AS n FROM candidates"),
                womenCandidates: try await count("SELECT COUNT(*) AS n FROM candidates WHERE sex = 'F'"),
                seats: try await count("SELECT CAST(SUM(seats) AS BIGINT) AS n FROM constituencies")
            )
        }
    }

    // MARK: Geography

    public func constituencies() async throws -> [Constituency] {
        try await all("SELECT * FROM constituencies ORDER BY code", Rows.constituency)
    }

    public func constituency(_ code: ProvinceCode) async throws -> Constituency {
        try await one("SELECT * FROM constituencies WHERE code = \(bind: code.rawValue)", Rows.constituency, "province", code.rawValue)
    }

    public func constituencyOutlines() async throws -> [AreaShape] {
        let rows = try await engine.read { db in
            try await db.raw("SELECT code, geojson FROM constituency_outlines ORDER BY code").all().map {
                (code: try $0.decode(column: "code", as: String.self), geojson: try $0.decode(column: "geojson", as: String.self))
            }
        }
        // Each row holds one geometry; wrapping them as features lets the one GeoJSON reader parse them.
        let features = rows.map { #"{"type":"Feature","properties":{"code":"\#($0.code)"},"geometry":\#($0.geojson)}"# }
        let collection = #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
        return try GeoJSON.areaShapes(from: Data(collection.utf8), codeProperty: "code") { $0 }
    }

    public func communes(inProvince code: ProvinceCode) async throws -> [Commune] {
        _ = try await constituency(code)
        return try await all(
            "SELECT * FROM communes WHERE province_code = \(bind: code.rawValue) ORDER BY code", Rows.commune)
    }

    public func commune(_ code: CommuneCode) async throws -> Commune {
        try await one("SELECT * FROM communes WHERE code = \(bind: code.rawValue)", Rows.commune, "commune", code.rawValue)
    }

    public func pollingStations(inCommune code: CommuneCode) async throws -> [PollingStation] {
        _ = try await commune(code)
        return try await all(
            "SELECT * FROM polling_stations WHERE commune_code = \(bind: code.rawValue) ORDER BY code", Rows.pollingStation)
    }

    public func pollingStations(codes: [StationCode]) async throws -> [PollingStation] {
        var found: [PollingStation] = []
        for chunk in Set(codes).map(\.rawValue).sorted().chunked(500) {
            found += try await all("SELECT * FROM polling_stations WHERE code IN \(list: chunk) ORDER BY code", Rows.pollingStation)
        }
        return found
    }

    public func pollingStations(inProvince code: ProvinceCode) async throws -> [PollingStation] {
        _ = try await constituency(code)
        let prefix = code.rawValue + "%"
        return try await all(
            "SELECT * FROM polling_stations WHERE code LIKE \(bind: prefix) ORDER BY code", Rows.pollingStation)
    }

    public func pollingStation(_ code: StationCode) async throws -> PollingStation {
        try await one(
            "SELECT * FROM polling_stations WHERE code = \(bind: code.rawValue)", Rows.pollingStation, "polling station", code.rawValue)
    }

    public func nearestPollingStations(
        to point: GeoPoint, limit: Int, meeting need: StationAccessibility.Need?
    ) async throws -> [PollingStation] {
        let limit = max(1, min(limit, 100))
        let meets: SQLQueryString = switch need {
        case nil: ""
        case .stepFree?: " AND (ramp = 1 OR ground_floor = 1)"
        case .assistance?: " AND assistance = 1"
        }
        // Widen a box around the point until it holds enough stations, then rank them by true
        // distance; never past the reach, so that a point far from every station reads few rows.
        let reach = Double(PollingStation.nearestReachMetres)
        var halfSide = 0.05
        while true {
            let candidates = try await all("""
                SELECT * FROM polling_stations
                WHERE latitude BETWEEN \(bind: point.latitude - halfSide) AND \(bind: point.latitude + halfSide)
                AND longitude BETWEEN \(bind: point.longitude - halfSide) AND \(bind: point.longitude + halfSide)\(meets)
                """, Rows.pollingStation)
            // Only stations within the box's inscribed circle are certainly nearer than any outside it.
            let radius = halfSide * 111_000 * cos(min(abs(point.latitude) + halfSide, 89) * .pi / 180)
            let ranked = candidates
                .map { (station: $0, distance: point.distance(to: $0.position)) }
                .sorted { ($0.distance, $0.station.id) < ($1.distance, $1.station.id) }
            let sure = ranked.filter { $0.distance <= min(radius, reach) }
            if sure.count >= limit || radius >= reach {
                return sure.prefix(limit).map(\.station)
            }
            halfSide *= 3
        }
    }

    // MARK: Commissions

    public func commissions(level: CommissionLevel, within unitCode: String?) async throws -> [Commission] {
        let prefix = (unitCode ?? "") + "%"
        return try await all("""
            SELECT * FROM commissions WHERE level = \(bind: level.rawValue) AND unit_code LIKE \(bind: prefix)
            ORDER BY unit_code
            """, Rows.commission)
    }

    public func commissionCounts() async throws -> [CommissionLevel: Int] {
        var counts = Dictionary(uniqueKeysWithValues: CommissionLevel.allCases.map { ($0, 0) })
        for (level, n) in try await all("SELECT level, COUNT(*) AS n FROM commissions GROUP BY level", {
            (try Rows.text($0, "level"), try Rows.integer($0, "n"))
        }) {
            guard let known = CommissionLevel(rawValue: level) else { throw Rows.Malformed(column: "level", value: level) }
            counts[known] = n
        }
        return counts
    }

    public func commission(_ id: String) async throws -> Commission {
        try await one("SELECT * FROM commissions WHERE id = \(bind: id)", Rows.commission, "commission", id)
    }

    public func members(ofCommission id: String) async throws -> [CommissionMember] {
        _ = try await commission(id)
        return try await all(
            """
            SELECT * FROM commission_members WHERE commission_id = \(bind: id)
            ORDER BY CASE role WHEN 'chair' THEN 0 WHEN 'vice-chair' THEN 1 ELSE 2 END, seat
            """, Rows.commissionMember)
    }

    // MARK: Parties and candidates

    public func parties() async throws -> [Party] {
        try await all("SELECT * FROM parties ORDER BY id", Rows.party)
    }

    public func party(_ id: PartyNumber) async throws -> Party {
        try await one("SELECT * FROM parties WHERE id = \(bind: id.rawValue)", Rows.party, "party", id.description)
    }

    public func candidates() async throws -> [Candidate] {
        try await all("SELECT * FROM candidates ORDER BY constituency_code, party_id, list_position", Rows.candidate)
    }

    public func ballot(constituency code: ProvinceCode) async throws -> [PartyNumber] {
        let standing = try await all(
            "SELECT DISTINCT party_id FROM candidates WHERE constituency_code = \(bind: code.rawValue) ORDER BY party_id"
        ) { try Rows.party($0, "party_id") }
        guard let drawn = try await ballotDraws().last?.order else { return standing }
        return BallotDraw.ballotOrder(of: standing, drawn: drawn)
    }

    public func candidates(party: PartyNumber, constituency: ProvinceCode) async throws -> [Candidate] {
        _ = try await self.party(party)
        _ = try await self.constituency(constituency)
        return try await all("""
            SELECT * FROM candidates WHERE party_id = \(bind: party.rawValue) AND constituency_code = \(bind: constituency.rawValue)
            ORDER BY list_position
            """, Rows.candidate)
    }

    public func womenCandidateCounts() async throws -> [WomenCandidateCount] {
        try await all("""
            SELECT party_id, constituency_code,
                   CAST(SUM(CASE WHEN sex = 'F' THEN 1 ELSE 0 END) AS BIGINT) AS women, COUNT(*) AS total
            FROM candidates GROUP BY party_id, constituency_code ORDER BY party_id, constituency_code
            """) { row in
            WomenCandidateCount(
                partyID: try Rows.party(row, "party_id"),
                constituencyCode: try Rows.code(row, "constituency_code"),
                women: try row.decode(column: "women", as: Int.self),
                candidates: try row.decode(column: "total", as: Int.self))
        }
    }

    // MARK: Registration

    public func voters(atStation code: StationCode) async throws -> [Voter] {
        _ = try await pollingStation(code)
        // Once this election's list is fixed, the register's later changes are the next election's.
        let table = try await voterListFixing() == nil ? "voters" : "voter_list"
        return try await all(
            "SELECT * FROM \(unsafeRaw: table) WHERE station_code = \(bind: code.rawValue) ORDER BY voter_number", Rows.voter)
    }

    public func voters(after number: VoterNumber?, limit: Int) async throws -> [Voter] {
        try await all("""
            SELECT * FROM voters WHERE voter_number > \(bind: number?.value ?? -1) ORDER BY voter_number LIMIT \(bind: limit)
            """, Rows.voter)
    }

    public func lookUpRegistration(_ question: RegistrationQuestion) async throws -> RegistrationAnswer {
        switch question {
        case .byNumber(let number):
            if let (placement, stations) = registrationIndex.placement(of: number) {
                registrationIndex.answered.add(1, ordering: .relaxed)
                return try await answer(placement, stations)
            }
            return try await answer(for: number)
        case .byName(let typed, let dateOfBirth):
            // Ranked by the domain's rules (`VoterSearch`): the best tier of exact-date matches
            // answers if it holds one voter, and only with that voter's station.
            let search = VoterSearch(name: typed, dateOfBirth: dateOfBirth, limit: 2)
            if let (index, stations) = registrationIndex.forNames() {
                let found = index.answer(search)
                if found != .askTheRegister { registrationIndex.answered.add(1, ordering: .relaxed) }
                switch found {
                case .one(let number): return try await answer(index.placement(of: number), stations)
                case .several: return .ambiguous
                case .notFound: return .notFound
                case .askTheRegister: break
                }
            }
            switch search.publicAnswer(try await searchVoters(search)) {
            case .one(let voter): return try await answer(for: voter.number)
            case .several: return .ambiguous
            case .notFound: return .notFound
            }
        }
    }

    /// The answer for a placement the index made, with the station as the index last read it.
    private func answer(
        _ placement: RegistrationAnswer.Placement, _ stations: [StationCode: PollingStation]
    ) async throws -> RegistrationAnswer {
        switch placement {
        case .station(let code):
            if let station = stations[code] { return .registered(station) }
            return .registered(try await pollingStation(code))
        case .nextElection: return .nextElection
        case .notFound: return .notFound
        }
    }

    /// The answer for voter `number`: where the register and this election's list place them,
    /// and whether the list is fixed, read in one query; the domain says which station counts.
    private func answer(for number: VoterNumber) async throws -> RegistrationAnswer {
        let places = try await all("""
            SELECT (SELECT station_code FROM voters WHERE voter_number = \(bind: number.value)) AS register,
                   (SELECT station_code FROM voter_list WHERE voter_number = \(bind: number.value)) AS list,
                   (SELECT COUNT(*) FROM voter_list_fixing) AS fixings
            """) { row in
            (register: try row.decode(column: "register", as: String?.self).flatMap(StationCode.init(rawValue:)),
             list: try row.decode(column: "list", as: String?.self).flatMap(StationCode.init(rawValue:)),
             fixed: try Rows.integer(row, "fixings") > 0)
        }
        guard let place = places.first else { return .notFound }
        switch RegistrationAnswer.placement(register: place.register, list: place.list, listFixed: place.fixed) {
        case .station(let code): return .registered(try await pollingStation(code))
        case .nextElection: return .nextElection
        case .notFound: return .notFound
        }
    }

    // MARK: Helpers

    func all<T: Sendable>(
        _ query: SQLQueryString, _ decode: @escaping @Sendable (any SQLRow) throws -> T
    ) async throws -> [T] {
        try await engine.read { db in try await db.raw(query).all().map(decode) }
    }

    func one<T: Sendable>(
        _ query: SQLQueryString, _ decode: @escaping @Sendable (any SQLRow) throws -> T, _ kind: String, _ id: String
    ) async throws -> T {
        guard let value = try await all(query, decode).first else { throw StoreError.notFound(kind, id) }
        return value
    }
}
