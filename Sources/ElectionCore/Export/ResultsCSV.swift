/// The results as open data: one CSV line per unit (the nation, provinces, communes or stations),
/// the figures of the accepted forms summed, a column per party. Read with any spreadsheet; the
/// station file is every accepted form of the country in one download. A unit with nothing
/// reported has its figures left empty.
public enum ResultsCSV {
    /// The columns before the parties': what the unit is, how much of it has reported, and the
    /// form's figures summed. Each party's column is `votes_<ballot number>`.
    public static let columns = [
        "level", "code", "name_en", "name_km", "stations_reported", "stations_total", "complete", "official",
        "registered_voters", "ballots_received", "ballots_issued", "ballots_in_box", "spoiled_ballots",
        "unused_ballots", "invalid_ballots", "valid_votes",
    ]

    /// The file for `units` (in the order given); `names` gives a unit's English and Khmer names,
    /// `parties` the party columns, in ballot-number order.
    public static func text(_ units: [ResultTotals], names: [UnitCode: (english: String, khmer: String)], parties: [Party]) -> String {
        let partyNumbers = parties.map(\.id).sorted()
        var out = (columns + partyNumbers.map { "votes_\($0)" }).joined(separator: ",") + "\n"
        out.reserveCapacity(units.count * 160)
        for unit in units {
            let c = unit.counts
            let name = names[unit.code]
            // Nothing reported: no figures at all, rather than zeros the forms never said.
            let reported = unit.stationsReported > 0
            let figures = [c.registeredVoters, c.ballotsReceived, c.ballotsIssued, c.ballotsInBox, c.spoiledBallots,
                           c.unusedBallots, c.invalidBallots, c.validVotes] + partyNumbers.map { c.votes[$0] ?? 0 }
            let fields: [String] = [
                unit.level.rawValue, unit.code.rawValue, name?.english ?? "", name?.khmer ?? "",
                String(unit.stationsReported), String(unit.stationsTotal), unit.isComplete ? "yes" : "no", unit.isOfficial ? "yes" : "no",
            ] + figures.map { reported ? String($0) : "" }
            out += fields.map { RegisterFile.quoted($0.replacingOccurrences(of: "\n", with: " ")) }.joined(separator: ",") + "\n"
        }
        return out
    }
}
