import Foundation

/// What the NEC sets of a polling station: its names, address and place. The register decides how
/// many voters it has; its code is given when it is added.
public struct StationDetails: Sendable, Hashable, Codable {
    public var nameEnglish: String
    public var nameKhmer: String
    public var addressEnglish: String
    public var addressKhmer: String
    public var position: GeoPoint
    public var accessibility: StationAccessibility

    public init(
        nameEnglish: String, nameKhmer: String, addressEnglish: String, addressKhmer: String, position: GeoPoint,
        accessibility: StationAccessibility = .unrecorded
    ) {
        self.nameEnglish = nameEnglish
        self.nameKhmer = nameKhmer
        self.addressEnglish = addressEnglish
        self.addressKhmer = addressKhmer
        self.position = position
        self.accessibility = accessibility
    }

    public init(_ station: PollingStation) {
        self.init(nameEnglish: station.nameEnglish, nameKhmer: station.nameKhmer, addressEnglish: station.addressEnglish,
                  addressKhmer: station.addressKhmer, position: station.position, accessibility: station.accessibility)
    }

    /// The details as one line of history: `field: value` pairs in a fixed order (accessibility
    /// only once some of it is recorded, so earlier lines read as before).
    public var summary: String {
        let a = accessibility
        return "name_en: \(nameEnglish); name_km: \(nameKhmer); address_en: \(addressEnglish); address_km: \(addressKhmer); "
            + "position: \(position.latitude), \(position.longitude)"
            + (a == .unrecorded ? "" : "; ramp: \(StationAccessibility.text(a.ramp)); ground_floor: \(StationAccessibility.text(a.groundFloor)); "
                + "assistance: \(StationAccessibility.text(a.assistance))")
    }
}

/// A change to the geography as recorded: what, who, when, before and after.
public struct GeographyChange: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case added, edited, retired
    }

    /// The unit changed (a commune's or a polling station's code).
    public var unit: UnitCode
    public var action: Action
    /// The details before (nil for an addition) and after (nil for a retirement), as
    /// ``StationDetails/summary`` or ``CommuneDetails/summary``.
    public var before: String?
    public var after: String?
    public var reason: String
    public var officialName: String
    public var recordedAt: Date

    public init(unit: UnitCode, action: Action, before: String?, after: String?, reason: String, officialName: String, recordedAt: Date) {
        self.unit = unit
        self.action = action
        self.before = before
        self.after = after
        self.reason = reason
        self.officialName = officialName
        self.recordedAt = recordedAt
    }
}

extension ElectionCalendar {
    /// Throws a ``Refusal`` once polling stations are fixed: after voter registration closes (the
    /// register assigns voters to stations; the voter list is printed from it). The NEC may move
    /// that deadline.
    public func requireStationsOpen(on day: CalendarDate) throws(Refusal) {
        guard let window = window(.voterRegistration), day > window.upperBound else { return }
        throw Refusal(.outsideCalendar, field: Milestone.voterRegistration.rawValue,
                      "communes and polling stations were fixed when voter registration closed on \(window.upperBound)")
    }
}

/// When a polling station may be retired: nobody and nothing depends on it any more.
public enum StationRetirement {
    /// Throws a ``Refusal`` naming what still depends on the station: voters registered there (move
    /// them first), the register's history of it, result forms entered for it, observers' records
    /// of it, or officials' accounts for it. (A station with a history stays, so that the history
    /// keeps its place.)
    public static func require(
        _ code: StationCode, votersRegistered: Int, registerRecords: Int, resultForms: Int, observerRecords: Int, accounts: Int
    ) throws(Refusal) {
        if accounts > 0 { throw Refusal(.inUse, field: "station", "\(accounts) officials' accounts belong to \(code)") }
        if votersRegistered > 0 {
            throw Refusal(.inUse, field: "station", "\(votersRegistered) voters are registered at \(code)")
        }
        if registerRecords > 0 { throw Refusal(.inUse, field: "station", "the register's history names \(code)") }
        if resultForms > 0 { throw Refusal(.inUse, field: "station", "results were entered for \(code)") }
        if observerRecords > 0 { throw Refusal(.inUse, field: "station", "observers recorded \(code) in their deployment or reports") }
    }
}

extension Commission {
    /// The commission a polling station gets when it is added; its members are appointed afterwards.
    public static func forNewStation(_ code: StationCode) -> Commission {
        Commission(id: id(level: .pollingStation, unitCode: .station(code)), level: .pollingStation, unitCode: .station(code),
                   nameEnglish: "Polling Station Commission \(code)", nameKhmer: "គណៈកម្មការការិយាល័យបោះឆ្នោត \(code)")
    }
}
