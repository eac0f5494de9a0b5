import ElectionCore
import Foundation

/// Keeping the geography current after the election is loaded: polling stations added, edited and
/// retired, each change recorded with who, when, why, before and after. Every write asks
/// ``Official/require(_:on:)`` (``OfficialAction/keepStations``) and the calendar
/// (``ElectionCalendar/requireStationsOpen(on:)``) inside its transaction.
public protocol GeographyStore: Sendable {
    /// Adds a station to `commune` with the next free number there.
    func addPollingStation(in commune: CommuneCode, _ details: StationDetails, reason: String, by official: Official, at: Date) async throws -> PollingStation
    /// Changes a station's names, address or place. Throws ``Refusal`` (``Refusal/Reason/noChange``) when nothing changes.
    func editPollingStation(_ code: StationCode, _ details: StationDetails, reason: String, by official: Official, at: Date) async throws -> PollingStation
    /// Retires a station nobody and nothing depends on (see ``StationRetirement``); it leaves the geography.
    func retirePollingStation(_ code: StationCode, reason: String, by official: Official, at: Date) async throws
    /// The recorded changes of a unit, oldest first (a retired station's too).
    func geographyChanges(of unit: UnitCode) async throws -> [GeographyChange]
}
