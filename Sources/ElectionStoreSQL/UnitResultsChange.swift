import ElectionCore
import SQLKit

/// What a group of accepted forms changes in the running totals of their provinces and communes
/// (`unit_results`, `unit_votes`): each newly accepted form's figures added, and those of the
/// version it replaces taken away. Written in the transaction that accepts the forms, so the
/// totals always equal the sum of the accepted forms.
struct UnitResultsChange {
    /// Per unit code: stations and figures added (negative: taken away).
    private var units: [String: (stations: Int, counts: ResultCounts)] = [:]

    /// A station's accepted figures, added to its province and commune.
    mutating func add(_ figures: ResultCounts, of station: StationCode) {
        change(station) { $0.stations += 1; $0.counts.add(figures) }
    }

    /// The figures of a station's form that a newer accepted version replaces.
    mutating func remove(_ figures: ResultCounts, of station: StationCode) {
        change(station) { $0.stations -= 1; $0.counts.subtract(figures) }
    }

    private mutating func change(_ station: StationCode, _ body: (inout (stations: Int, counts: ResultCounts)) -> Void) {
        for unit in [station.province.rawValue, station.commune.rawValue] { body(&units[unit, default: (0, .zero)]) }
    }

    /// Adds the change to the stored totals, units in code order.
    func write(to db: any SQLDatabase) async throws {
        let codes = units.keys.sorted()
        try await db.addToTotals(
            "unit_results", keys: ["unit_code"], sums: ["stations", "registered", "received", "issued", "in_box", "spoiled", "unused", "invalid"],
            rows: codes.map { unit in
                let (stations, c) = units[unit] ?? (0, .zero)
                return [unit, stations, c.registeredVoters, c.ballotsReceived, c.ballotsIssued, c.ballotsInBox, c.spoiledBallots, c.unusedBallots, c.invalidBallots]
            })
        try await db.addToTotals(
            "unit_votes", keys: ["unit_code", "party_id"], sums: ["votes"],
            rows: codes.flatMap { unit in (units[unit]?.counts.votes ?? [:]).sorted { $0.key < $1.key }.map { [unit, $0.key.rawValue, $0.value] } })
    }
}
