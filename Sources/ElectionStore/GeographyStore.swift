import ElectionCore
import Foundation

/// Keeping the geography current after the election is loaded: communes and polling stations
/// added, edited and retired, each change recorded with who, when, why, before and after. Every
/// write asks ``Official/require(_:on:)`` (``OfficialAction/keepStations`` or
/// ``OfficialAction/keepCommunes``) and the calendar (``ElectionCalendar/requireStationsOpen(on:)``).
public protocol GeographyStore: Sendable {
    /// Adds a station to `commune` with the next free number there.
    func addPollingStation(in commune: CommuneCode, _ details: StationDetails, reason: String, by official: Official, at: Date) async throws -> PollingStation
    /// Changes a station's names, address or place. Throws ``Refusal`` (``Refusal/Reason/noChange``) when nothing changes.
    func editPollingStation(_ code: StationCode, _ details: StationDetails, reason: String, by official: Official, at: Date) async throws -> PollingStation
    /// Retires a station nobody and nothing depends on (see ``StationRetirement``); it leaves the geography.
    func retirePollingStation(_ code: StationCode, reason: String, by official: Official, at: Date) async throws
    /// Adds a commune under the code the gazetteer gives it (see ``CommuneKeeping/requireNewCode(_:inUse:usedBefore:)``),
    /// with its commune commission.
    func addCommune(_ code: CommuneCode, _ details: CommuneDetails, reason: String, by official: Official, at: Date) async throws -> Commune
    /// Changes a commune's names, district name, kind or place. Throws ``Refusal`` (``Refusal/Reason/noChange``) when nothing changes.
    func editCommune(_ code: CommuneCode, _ details: CommuneDetails, reason: String, by official: Official, at: Date) async throws -> Commune
    /// Retires a commune without stations or accounts (see ``CommuneKeeping/requireRetirable(_:stations:accounts:)``),
    /// with its commission; it leaves the geography.
    func retireCommune(_ code: CommuneCode, reason: String, by official: Official, at: Date) async throws
    /// The recorded changes of a unit, oldest first (a retired station's or commune's too).
    func geographyChanges(of unit: UnitCode) async throws -> [GeographyChange]
}
