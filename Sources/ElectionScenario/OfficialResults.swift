import ElectionCore
import Foundation

/// The published 2023 results: national totals (NEC, 5 August 2023) and the seats each party won
/// in each province. Votes per province and per station were not published.
public struct OfficialResults: Sendable, Hashable {
    public var registeredVoters: Int
    public var ballotsCast: Int
    public var validVotes: Int
    public var invalidBallots: Int
    /// Valid votes by party ballot number.
    public var votes: [PartyNumber: Int]
    /// Seats by province, then party (parties with seats only).
    public var seats: [ProvinceCode: [PartyNumber: Int]]

    /// Reads the bundled national summary, national results and seats by province.
    public static func cambodia2023() throws -> OfficialResults {
        let facts = try ReferenceFacts.load()
        let ballot = Dictionary(uniqueKeysWithValues: facts.parties.map { ($0.nameEnglish, $0.ballotOrder) })
        func number(_ text: String?, _ file: String, _ what: String) throws -> Int {
            guard let text, let n = Int(text) else { throw ReferenceFacts.Unreadable(file: file, reason: what) }
            return n
        }
        func party(_ name: String?, _ file: String) throws -> PartyNumber {
            guard let name, let id = ballot[name] else { throw ReferenceFacts.Unreadable(file: file, reason: "unknown party \(name ?? "")") }
            return id
        }
        let summary = try ReferenceFacts.table("national_summary.csv").records(
            file: "national_summary.csv", required: ["election", "metric", "value"])
        func metric(_ name: String) throws -> Int {
            try number(summary.first { $0["election"] == "2023" && $0["metric"] == name }?["value"], "national_summary.csv", name)
        }
        var votes: [PartyNumber: Int] = [:]
        for row in try ReferenceFacts.table("results_2023_national.csv").records(
            file: "results_2023_national.csv", required: ["party", "votes"]) {
            votes[try party(row["party"], "results_2023_national.csv")] = try number(row["votes"], "results_2023_national.csv", "votes")
        }
        var seats: [ProvinceCode: [PartyNumber: Int]] = [:]
        for row in try ReferenceFacts.table("results_2023_by_province.csv").records(
            file: "results_2023_by_province.csv", required: ["code", "party", "seats"]) {
            let won = try number(row["seats"], "results_2023_by_province.csv", "seats")
            guard let province = ProvinceCode(row["code"] ?? "") else {
                throw ReferenceFacts.Unreadable(file: "results_2023_by_province.csv", reason: "code \(row["code"] ?? "")")
            }
            if won > 0 { seats[province, default: [:]][try party(row["party"], "results_2023_by_province.csv")] = won }
        }
        return OfficialResults(
            registeredVoters: try metric("registered_voters"), ballotsCast: try metric("ballots_cast"),
            validVotes: try metric("valid_ballots"), invalidBallots: try metric("invalid_ballots"), votes: votes, seats: seats)
    }
}
