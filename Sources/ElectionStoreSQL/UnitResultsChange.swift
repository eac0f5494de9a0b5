import ElectionCore
import SQLKit

/// What a group of accepted forms changes in the running totals of their provinces and communes
/// (`unit_results`, `unit_votes`): each newly accepted form's figures added, and those of the
/// version it replaces taken away. Written in the transaction that accepts the forms, so the
/// totals always equal the sum of the accepted forms.
struct UnitResultsChange {
    private var stations: [String: Int] = [:]
    private var counts: [String: ResultCounts] = [:]

    /// A station's accepted figures, added to its province and commune.
    mutating func add(_ figures: ResultCounts, of station: StationCode) {
        for unit in Self.units(of: station) {
            stations[unit, default: 0] += 1
            counts[unit, default: .zero].add(figures)
        }
    }

    /// The figures of a station's form that a newer accepted version replaces.
    mutating func remove(_ figures: ResultCounts, of station: StationCode) {
        for unit in Self.units(of: station) {
            stations[unit, default: 0] -= 1
            counts[unit, default: .zero].subtract(figures)
        }
    }

    private static func units(of station: StationCode) -> [String] {
        [station.province.rawValue, station.commune.rawValue]
    }

    /// Adds the change to the stored totals, units in code order (two transactions touching the
    /// same units on PostgreSQL then wait for each other rather than deadlock).
    func write(to db: any SQLDatabase) async throws {
        let units = counts.keys.sorted()
        for chunk in units.chunked(200) {
            var query = SQLQueryString("""
                INSERT INTO unit_results (unit_code, stations, registered, received, issued, in_box, spoiled, unused, invalid) VALUES
                """)
            for (index, unit) in chunk.enumerated() {
                let c = counts[unit] ?? .zero
                query.appendInterpolation(unsafeRaw: index == 0 ? " (" : ", (")
                query.appendInterpolation(binds: [
                    unit, stations[unit] ?? 0, c.registeredVoters, c.ballotsReceived, c.ballotsIssued, c.ballotsInBox,
                    c.spoiledBallots, c.unusedBallots, c.invalidBallots,
                ] as [any Encodable & Sendable])
                query.appendInterpolation(unsafeRaw: ")")
            }
            query.appendInterpolation(unsafeRaw: """
                 ON CONFLICT (unit_code) DO UPDATE SET stations = unit_results.stations + excluded.stations,
                    registered = unit_results.registered + excluded.registered, received = unit_results.received + excluded.received,
                    issued = unit_results.issued + excluded.issued, in_box = unit_results.in_box + excluded.in_box,
                    spoiled = unit_results.spoiled + excluded.spoiled, unused = unit_results.unused + excluded.unused,
                    invalid = unit_results.invalid + excluded.invalid
                """)
            try await db.raw(query).run()
        }
        let votes = units.flatMap { unit in (counts[unit]?.votes ?? [:]).sorted { $0.key < $1.key }.map { (unit, $0.key, $0.value) } }
        for chunk in votes.chunked(500) {
            var query = SQLQueryString("INSERT INTO unit_votes (unit_code, party_id, votes) VALUES")
            for (index, vote) in chunk.enumerated() {
                query.appendInterpolation(unsafeRaw: index == 0 ? " (" : ", (")
                query.appendInterpolation(binds: [vote.0, vote.1.rawValue, vote.2] as [any Encodable & Sendable])
                query.appendInterpolation(unsafeRaw: ")")
            }
            query.appendInterpolation(unsafeRaw: " ON CONFLICT (unit_code, party_id) DO UPDATE SET votes = unit_votes.votes + excluded.votes")
            try await db.raw(query).run()
        }
    }
}
