import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: GeographyStore {
    public func addPollingStation(
        in commune: CommuneCode, _ details: StationDetails, reason: String, by official: Official, at time: Date
    ) async throws -> PollingStation {
        try await permitStationChange(by: official, at: time)
        return try await changingRegister(.stations) { tx in
            // On PostgreSQL two additions to one commune could take the same number: the commune's
            // row is locked until this one commits (SQLite has one writer at a time anyway).
            let lock = tx.dialect == .postgres ? " FOR UPDATE" : ""
            guard try await tx.sql.raw("SELECT code FROM communes WHERE code = \(bind: commune.rawValue)\(unsafeRaw: lock)").first() != nil else {
                throw StoreError.notFound("commune", commune.rawValue)
            }
            // A retired station's code is not given again: its history keeps it.
            var last = 0
            for query: SQLQueryString in [
                "SELECT MAX(code) AS code FROM polling_stations WHERE commune_code = \(bind: commune.rawValue)",
                "SELECT MAX(unit_code) AS code FROM geography_changes WHERE unit_code LIKE \(bind: commune.rawValue + "___")",
            ] {
                let code = try await tx.sql.raw(query).first().flatMap { try $0.decode(column: "code", as: String?.self) }
                last = max(last, code.flatMap { StationCode(rawValue: $0) }?.number ?? 0)
            }
            let number = last + 1
            guard number <= 999 else { throw Refusal(.wrongState, field: "commune", "commune \(commune) has no free station number") }
            let station = PollingStation(
                id: StationCode(commune: commune, number: number), nameEnglish: details.nameEnglish, nameKhmer: details.nameKhmer,
                addressEnglish: details.addressEnglish, addressKhmer: details.addressKhmer, position: details.position, registeredVoters: 0,
                accessibility: details.accessibility)
            try await tx.bulkInsert(into: "polling_stations", columns: Self.stationColumns, rows: [Self.stationRow(station)])
            let commission = Commission.forNewStation(station.id)
            try await tx.sql.raw("""
                INSERT INTO commissions (id, level, unit_code, name_en, name_km)
                VALUES (\(bind: commission.id), \(bind: commission.level.rawValue), \(bind: commission.unitCode.rawValue),
                        \(bind: commission.nameEnglish), \(bind: commission.nameKhmer))
                """).run()
            try await Self.record(.init(unit: .station(station.id), action: .added, before: nil, after: details.summary, reason: reason,
                                        officialName: official.name, recordedAt: time), by: official, in: tx)
            return station
        }
    }

    public func editPollingStation(
        _ code: StationCode, _ details: StationDetails, reason: String, by official: Official, at time: Date
    ) async throws -> PollingStation {
        try await permitStationChange(by: official, at: time)
        return try await changingRegister(.stations) { tx in
            var station = try await Self.station(code, in: tx)
            let before = StationDetails(station)
            guard before != details else { throw Refusal(.noChange, field: "station", "station \(code) is so already") }
            station.nameEnglish = details.nameEnglish
            station.nameKhmer = details.nameKhmer
            station.addressEnglish = details.addressEnglish
            station.addressKhmer = details.addressKhmer
            station.position = details.position
            station.accessibility = details.accessibility
            let access = details.accessibility
            try await tx.sql.raw("""
                UPDATE polling_stations SET name_en = \(bind: details.nameEnglish), name_km = \(bind: details.nameKhmer),
                    address_en = \(bind: details.addressEnglish), address_km = \(bind: details.addressKhmer),
                    latitude = \(bind: details.position.latitude), longitude = \(bind: details.position.longitude),
                    ramp = \(bind: access.ramp.map { $0 ? 1 : 0 }), ground_floor = \(bind: access.groundFloor.map { $0 ? 1 : 0 }),
                    assistance = \(bind: access.assistance.map { $0 ? 1 : 0 })
                WHERE code = \(bind: code.rawValue)
                """).run()
            try await Self.record(.init(unit: .station(code), action: .edited, before: before.summary, after: details.summary, reason: reason,
                                        officialName: official.name, recordedAt: time), by: official, in: tx)
            return station
        }
    }

    public func retirePollingStation(_ code: StationCode, reason: String, by official: Official, at time: Date) async throws {
        try await permitStationChange(by: official, at: time)
        try SQLElectionStore.requireReason(reason)
        try await changingRegister(.stations) { tx in
            let station = try await Self.station(code, in: tx)
            func count(_ table: String) async throws -> Int {
                try await tx.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE station_code = \(bind: code.rawValue)")
                    .first().map { try Rows.integer($0, "n") } ?? 0
            }
            var observed = 0
            for table in ["deployments", "station_visits", "checklist_submissions", "incidents"] { observed += try await count(table) }
            let moves = try await tx.sql.raw("SELECT COUNT(*) AS n FROM register_changes WHERE from_station = \(bind: code.rawValue)")
                .first().map { try Rows.integer($0, "n") } ?? 0
            try StationRetirement.require(
                code, votersRegistered: try await count("voters") + (try await count("voter_list")),
                registerRecords: try await count("register_changes") + moves + (try await count("duplicate_case_voters")),
                resultForms: try await count("result_events"), observerRecords: observed,
                accounts: try await tx.sql.raw("SELECT COUNT(*) AS n FROM officials WHERE unit_code = \(bind: code.rawValue)")
                    .first().map { try Rows.integer($0, "n") } ?? 0)
            // Its commission goes with it; each member's removal is recorded.
            let commission = Commission.id(level: .pollingStation, unitCode: .station(code))
            for member in try await tx.sql.raw("SELECT * FROM commission_members WHERE commission_id = \(bind: commission)").all().map(Rows.commissionMember) {
                try await Self.recordRemoval(member, reason: "the station was retired: \(reason)", by: official, at: time, in: tx)
            }
            try await tx.sql.raw("DELETE FROM commission_members WHERE commission_id = \(bind: commission)").run()
            try await tx.sql.raw("DELETE FROM commissions WHERE id = \(bind: commission)").run()
            try await tx.sql.raw("DELETE FROM station_police WHERE station_code = \(bind: code.rawValue)").run()
            try await tx.sql.raw("DELETE FROM polling_stations WHERE code = \(bind: code.rawValue)").run()
            try await Self.record(.init(unit: .station(code), action: .retired, before: StationDetails(station).summary, after: nil,
                                        reason: reason, officialName: official.name, recordedAt: time), by: official, in: tx)
        }
    }

    public func addCommune(_ code: CommuneCode, _ details: CommuneDetails, reason: String, by official: Official, at time: Date) async throws -> Commune {
        try await permitGeographyChange(.keepCommunes, by: official, at: time)
        return try await engine.withTransaction { tx in
            // Locks the province's row on PostgreSQL, so that two additions of one code wait for each other.
            let lock = tx.dialect == .postgres ? " FOR UPDATE" : ""
            guard try await tx.sql.raw("SELECT code FROM constituencies WHERE code = \(bind: code.province.rawValue)\(unsafeRaw: lock)").first() != nil else {
                throw StoreError.notFound("province", code.province.rawValue)
            }
            let inUse = try await tx.sql.raw("SELECT code FROM communes WHERE code = \(bind: code.rawValue)").first()
            let usedBefore = try await tx.sql.raw("SELECT id FROM geography_changes WHERE unit_code = \(bind: code.rawValue)").first()
            try CommuneKeeping.requireNewCode(code, inUse: inUse != nil, usedBefore: usedBefore != nil)
            let commune = details.commune(code)
            try await tx.bulkInsert(into: "communes", columns: Self.communeColumns, rows: [Self.communeRow(commune)])
            let commission = Commission.forNewCommune(commune)
            try await tx.sql.raw("""
                INSERT INTO commissions (id, level, unit_code, name_en, name_km)
                VALUES (\(bind: commission.id), \(bind: commission.level.rawValue), \(bind: commission.unitCode.rawValue),
                        \(bind: commission.nameEnglish), \(bind: commission.nameKhmer))
                """).run()
            try await Self.record(.init(unit: .commune(code), action: .added, before: nil, after: details.summary, reason: reason,
                                        officialName: official.name, recordedAt: time), by: official, in: tx)
            return commune
        }
    }

    public func editCommune(_ code: CommuneCode, _ details: CommuneDetails, reason: String, by official: Official, at time: Date) async throws -> Commune {
        try await permitGeographyChange(.keepCommunes, by: official, at: time)
        return try await engine.withTransaction { tx in
            let before = CommuneDetails(try await Self.commune(code, in: tx))
            guard before != details else { throw Refusal(.noChange, field: "commune", "commune \(code) is so already") }
            try await tx.sql.raw("""
                UPDATE communes SET name_en = \(bind: details.nameEnglish), name_km = \(bind: details.nameKhmer),
                    district_name = \(bind: details.districtName), district_name_km = \(bind: details.districtNameKhmer), kind = \(bind: details.kind),
                    latitude = \(bind: details.approximatePosition?.latitude), longitude = \(bind: details.approximatePosition?.longitude)
                WHERE code = \(bind: code.rawValue)
                """).run()
            // Its commission is named after it.
            let commission = Commission.forNewCommune(details.commune(code))
            try await tx.sql.raw("""
                UPDATE commissions SET name_en = \(bind: commission.nameEnglish), name_km = \(bind: commission.nameKhmer)
                WHERE id = \(bind: commission.id)
                """).run()
            try await Self.record(.init(unit: .commune(code), action: .edited, before: before.summary, after: details.summary, reason: reason,
                                        officialName: official.name, recordedAt: time), by: official, in: tx)
            return details.commune(code)
        }
    }

    public func retireCommune(_ code: CommuneCode, reason: String, by official: Official, at time: Date) async throws {
        try await permitGeographyChange(.keepCommunes, by: official, at: time)
        try SQLElectionStore.requireReason(reason)
        try await engine.withTransaction { tx in
            let commune = try await Self.commune(code, in: tx)
            let stations = try await tx.sql.raw("SELECT COUNT(*) AS n FROM polling_stations WHERE commune_code = \(bind: code.rawValue)")
                .first().map { try Rows.integer($0, "n") } ?? 0
            let accounts = try await tx.sql.raw("SELECT COUNT(*) AS n FROM officials WHERE unit_code = \(bind: code.rawValue)")
                .first().map { try Rows.integer($0, "n") } ?? 0
            try CommuneKeeping.requireRetirable(code, stations: stations, accounts: accounts)
            // Its commission goes with it; each member's removal is recorded.
            let commission = Commission.id(level: .commune, unitCode: .commune(code))
            for member in try await tx.sql.raw("SELECT * FROM commission_members WHERE commission_id = \(bind: commission)").all().map(Rows.commissionMember) {
                try await Self.recordRemoval(member, reason: "the commune was retired: \(reason)", by: official, at: time, in: tx)
            }
            try await tx.sql.raw("DELETE FROM commission_members WHERE commission_id = \(bind: commission)").run()
            try await tx.sql.raw("DELETE FROM commissions WHERE id = \(bind: commission)").run()
            try await tx.sql.raw("DELETE FROM communes WHERE code = \(bind: code.rawValue)").run()
            try await Self.record(.init(unit: .commune(code), action: .retired, before: CommuneDetails(commune).summary, after: nil,
                                        reason: reason, officialName: official.name, recordedAt: time), by: official, in: tx)
        }
    }

    public func geographyChanges(of unit: UnitCode) async throws -> [GeographyChange] {
        try await all("""
            SELECT g.*, o.name AS official_name FROM geography_changes g JOIN officials o ON o.id = g.official_id
            WHERE g.unit_code = \(bind: unit.rawValue) ORDER BY g.id
            """) { row in
            GeographyChange(
                unit: try Rows.unit(row, "unit_code"),
                action: GeographyChange.Action(rawValue: try Rows.text(row, "action")) ?? .edited,
                before: try row.decode(column: "before", as: String?.self), after: try row.decode(column: "after", as: String?.self),
                reason: try Rows.text(row, "reason"), officialName: try Rows.text(row, "official_name"),
                recordedAt: try ISO8601.date(try Rows.text(row, "recorded_at")))
        }
    }

    /// The rule for every station change: the NEC's, before the stations are fixed.
    private func permitStationChange(by official: Official, at time: Date) async throws {
        try await permitGeographyChange(.keepStations, by: official, at: time)
    }

    /// The rule for every change of the geography: `action` is the NEC's, and the units are fixed
    /// with the voter list (when voter registration closes).
    private func permitGeographyChange(_ action: OfficialAction, by official: Official, at time: Date) async throws {
        try official.require(action, on: .nation)
        let election = try await election()
        try await calendar().requireStationsOpen(on: election.localDay(at: time))
    }

    private static func station(_ code: StationCode, in tx: any SQLTransaction) async throws -> PollingStation {
        guard let row = try await tx.sql.raw("SELECT * FROM polling_stations WHERE code = \(bind: code.rawValue)").first() else {
            throw StoreError.notFound("polling station", code.rawValue)
        }
        return try Rows.pollingStation(row)
    }

    private static func commune(_ code: CommuneCode, in tx: any SQLTransaction) async throws -> Commune {
        guard let row = try await tx.sql.raw("SELECT * FROM communes WHERE code = \(bind: code.rawValue)").first() else {
            throw StoreError.notFound("commune", code.rawValue)
        }
        return try Rows.commune(row)
    }

    private static func record(_ change: GeographyChange, by official: Official, in tx: any SQLTransaction) async throws {
        try await tx.sql.raw("""
            INSERT INTO geography_changes (unit_code, action, before, after, reason, official_id, recorded_at)
            VALUES (\(bind: change.unit.rawValue), \(bind: change.action.rawValue), \(bind: change.before), \(bind: change.after),
                    \(bind: change.reason), \(bind: official.id.rawValue), \(bind: ISO8601.string(change.recordedAt)))
            """).run()
    }
}
