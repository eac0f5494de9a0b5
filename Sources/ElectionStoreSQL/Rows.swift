import Foundation
import ElectionCore
import SQLKit
import SQLiteKit
import SQLiteNIO

/// Turns rows of the schema's tables into domain values.
enum Rows {
    /// A value the database holds that the domain does not accept (the schema's CHECKs should prevent it).
    struct Malformed: Error, CustomStringConvertible {
        let column: String
        let value: String
        var description: String { "the database holds an invalid \(column): \(value)" }
    }

    static func election(_ row: any SQLRow) throws -> Election {
        Election(
            id: try row.decode(column: "id", as: String.self),
            nameEnglish: try row.decode(column: "name_en", as: String.self),
            nameKhmer: try row.decode(column: "name_km", as: String.self),
            electionDay: try date(row, "election_day"),
            pollsOpen: try row.decode(column: "polls_open", as: String.self),
            pollsClose: try row.decode(column: "polls_close", as: String.self),
            seats: try row.decode(column: "seats", as: Int.self),
            seatAllocationMethod: try row.decode(column: "seat_method", as: String.self),
            minimumVotingAge: try row.decode(column: "minimum_voting_age", as: Int.self),
            minimumCandidateAge: try row.decode(column: "minimum_candidate_age", as: Int.self),
            citizenship: try row.decode(column: "citizenship", as: String.self),
            utcOffsetMinutes: try row.decode(column: "utc_offset_minutes", as: Int.self),
            reserveCandidates: try row.decode(column: "minimum_reserve_candidates", as: Int.self)...max(
                try row.decode(column: "minimum_reserve_candidates", as: Int.self),
                try row.decode(column: "maximum_reserve_candidates", as: Int.self)),
            kind: try row.decode(column: "kind", as: String.self),
            seatRules: try seatRules(row),
            turnoutTimes: try turnoutTimes(row))
    }

    /// Stored as `09:00,12:00,15:00`; empty when the election sets none.
    static func turnoutTimes(_ row: any SQLRow) throws -> [String]? {
        let times = try text(row, "turnout_times").split(separator: ",").map(String.init)
        return times.isEmpty ? nil : times
    }

    static func seatRules(_ row: any SQLRow) throws -> SeatRules {
        let scope = try text(row, "seat_threshold_scope"), ties = try text(row, "seat_ties")
        guard let s = SeatRules.Scope(rawValue: scope) else { throw Malformed(column: "seat_threshold_scope", value: scope) }
        guard let t = SeatRules.Ties(rawValue: ties) else { throw Malformed(column: "seat_ties", value: ties) }
        return SeatRules(thresholdPercent: try row.decode(column: "seat_threshold_percent", as: String?.self), thresholdScope: s, ties: t)
    }

    static func constituency(_ row: any SQLRow) throws -> Constituency {
        Constituency(
            id: try code(row, "code"),
            nameEnglish: try row.decode(column: "name_en", as: String.self),
            nameKhmer: try row.decode(column: "name_km", as: String.self),
            kind: try row.decode(column: "kind", as: String.self),
            seats: try row.decode(column: "seats", as: Int.self))
    }

    static func commune(_ row: any SQLRow) throws -> Commune {
        let latitude = try row.decode(column: "latitude", as: Double?.self)
        let longitude = try row.decode(column: "longitude", as: Double?.self)
        var position: GeoPoint?
        if let latitude, let longitude { position = GeoPoint(latitude: latitude, longitude: longitude) }
        return Commune(
            id: try code(row, "code"),
            districtCode: try row.decode(column: "district_code", as: String.self),
            districtName: try row.decode(column: "district_name", as: String.self),
            nameEnglish: try row.decode(column: "name_en", as: String.self),
            nameKhmer: try row.decode(column: "name_km", as: String.self),
            kind: try row.decode(column: "kind", as: String.self),
            approximatePosition: position,
            districtNameKhmer: try row.decode(column: "district_name_km", as: String.self))
    }

    static func pollingStation(_ row: any SQLRow) throws -> PollingStation {
        PollingStation(
            id: try code(row, "code"),
            nameEnglish: try row.decode(column: "name_en", as: String.self),
            nameKhmer: try row.decode(column: "name_km", as: String.self),
            addressEnglish: try row.decode(column: "address_en", as: String.self),
            addressKhmer: try row.decode(column: "address_km", as: String.self),
            position: GeoPoint(
                latitude: try row.decode(column: "latitude", as: Double.self),
                longitude: try row.decode(column: "longitude", as: Double.self)),
            registeredVoters: try row.decode(column: "registered_voters", as: Int.self),
            accessibility: StationAccessibility(
                ramp: try flag(row, "ramp"), groundFloor: try flag(row, "ground_floor"), assistance: try flag(row, "assistance")))
    }

    /// A yes-or-no column: 1, 0, or NULL when not recorded.
    static func flag(_ row: any SQLRow, _ column: String) throws -> Bool? {
        try row.decode(column: column, as: Int?.self).map { $0 != 0 }
    }

    static func commission(_ row: any SQLRow) throws -> Commission {
        let level = try row.decode(column: "level", as: String.self)
        guard let parsed = CommissionLevel(rawValue: level) else { throw Malformed(column: "level", value: level) }
        return Commission(
            id: try row.decode(column: "id", as: String.self),
            level: parsed,
            unitCode: try unit(row, "unit_code"),
            nameEnglish: try row.decode(column: "name_en", as: String.self),
            nameKhmer: try row.decode(column: "name_km", as: String.self))
    }

    static func commissionMember(_ row: any SQLRow) throws -> CommissionMember {
        let role = try row.decode(column: "role", as: String.self)
        guard let parsed = CommissionRole(rawValue: role) else { throw Malformed(column: "role", value: role) }
        return CommissionMember(
            commissionID: try row.decode(column: "commission_id", as: String.self),
            seat: try row.decode(column: "seat", as: Int.self),
            role: parsed,
            name: try name(row),
            sex: try sex(row),
            voterNumber: try optionalVoterNumber(row))
    }

    static func party(_ row: any SQLRow) throws -> Party {
        Party(
            id: try party(row, "id"),
            nameEnglish: try row.decode(column: "name_en", as: String.self),
            nameKhmer: try row.decode(column: "name_km", as: String.self),
            abbreviation: try row.decode(column: "abbreviation", as: String.self))
    }

    static func candidate(_ row: any SQLRow) throws -> Candidate {
        Candidate(
            partyID: try party(row, "party_id"),
            constituencyCode: try code(row, "constituency_code"),
            listPosition: try row.decode(column: "list_position", as: Int.self),
            name: try name(row),
            sex: try sex(row),
            dateOfBirth: try date(row, "birth_date"),
            voterNumber: try optionalVoterNumber(row))
    }

    /// The `voter_number` of a candidate or a commission member: text, or null for one loaded without it.
    static func optionalVoterNumber(_ row: any SQLRow) throws -> VoterNumber? {
        try row.decode(column: "voter_number", as: String?.self).map { text in
            guard let number = VoterNumber(text) else { throw Malformed(column: "voter_number", value: text) }
            return number
        }
    }

    static func voter(_ row: any SQLRow) throws -> Voter {
        let number = try integer(row, "voter_number")
        guard let parsed = VoterNumber(value: number) else {
            throw Malformed(column: "voter_number", value: String(number))
        }
        return Voter(
            number: parsed, name: try name(row), sex: try sex(row), dateOfBirth: try date(row, "birth_date"),
            stationCode: try code(row, "station_code"))
    }

    /// A voter with the name keys stored beside them.
    static func registerEntry(_ row: any SQLRow) throws -> RegisterEntry {
        RegisterEntry(voter: try voter(row), nameKey: try text(row, "name_key"), latinKey: try text(row, "latin_key"),
                      latinNameKey: try text(row, "latin_name_key"))
    }

    private static func name(_ row: any SQLRow) throws -> PersonName {
        PersonName(khmer: try text(row, "name_km"), latin: try text(row, "name_latin"))
    }

    private static func sex(_ row: any SQLRow) throws -> Sex {
        let text = try text(row, "sex")
        guard let sex = Sex(rawValue: text) else { throw Malformed(column: "sex", value: text) }
        return sex
    }

    static func date(_ row: any SQLRow, _ column: String) throws -> CalendarDate {
        let text = try text(row, column)
        guard let date = CalendarDate(iso: text) else { throw Malformed(column: column, value: text) }
        return date
    }

    /// A code column: a code the domain does not accept is malformed data.
    static func code<Code: GeographyCode>(_ row: any SQLRow, _ column: String, as _: Code.Type = Code.self) throws -> Code {
        let text = try text(row, column)
        guard let code = Code(rawValue: text) else { throw Malformed(column: column, value: text) }
        return code
    }

    /// A unit code column: empty for the nation, else a province, commune or station code.
    static func unit(_ row: any SQLRow, _ column: String) throws -> UnitCode {
        let text = try text(row, column)
        guard let unit = UnitCode(rawValue: text) else { throw Malformed(column: column, value: text) }
        return unit
    }

    /// A party number column.
    static func party(_ row: any SQLRow, _ column: String) throws -> PartyNumber {
        let number = try integer(row, column)
        guard let party = PartyNumber(rawValue: number) else { throw Malformed(column: column, value: String(number)) }
        return party
    }

    // SQLKit decodes a column through Codable, about a microsecond each; a search reads thousands
    // of columns, so on SQLite the row's values are read directly.

    /// A column holding one of an enum's raw values.
    static func choice<T: RawRepresentable>(_ row: any SQLRow, _ column: String, as _: T.Type = T.self) throws -> T where T.RawValue == String {
        let text = try text(row, column)
        guard let value = T(rawValue: text) else { throw Malformed(column: column, value: text) }
        return value
    }

    static func text(_ row: any SQLRow, _ column: String) throws -> String {
        if let row = row as? SQLiteRow, case .text(let value)? = row.column(column) { return value }
        return try row.decode(column: column, as: String.self)
    }

    static func integer(_ row: any SQLRow, _ column: String) throws -> Int {
        if let row = row as? SQLiteRow, case .integer(let value)? = row.column(column) { return value }
        return try row.decode(column: column, as: Int.self)
    }
}
