import ElectionCore
@testable import ElectionScenario
import Foundation
import Testing

/// The bundled 2018 record says what the published facts say, and nothing they do not.
@Suite struct PastElectionsTests {
    let record: ElectionRecord = {
        do { return try #require(try PastElections.records().first { $0.election.id == "cambodia-2018" }) } catch { fatalError("\(error)") }
    }()

    @Test func nationalTotalsAreThePublishedOnes() throws {
        let summary = try ReferenceFacts.table("national_summary.csv").records(file: "national_summary.csv", required: ["election", "metric", "value"])
        func published(_ metric: String) -> Int? {
            summary.first { $0["election"] == "2018" && $0["metric"] == metric }.flatMap { Int($0["value"] ?? "") }
        }
        let t = record.national.totals
        #expect(t.registeredVoters == published("registered_voters"))
        #expect(t.ballotsCast == published("ballots_cast"))
        #expect(t.validVotes == published("valid_ballots"))
        #expect(t.invalidVotes == published("invalid_ballots"))
        #expect(record.election.electionDay.iso == summary.first { $0["election"] == "2018" && $0["metric"] == "election_date" }?["value"])
        #expect(record.inconsistencies.isEmpty)
    }

    @Test func partyFiguresAreOnlyTheOfficialOnes() throws {
        let rows = try ReferenceFacts.table("results_2018_national.csv").records(
            file: "results_2018_national.csv", required: ["party", "votes", "seats", "status"])
        for row in rows where !(row["party"] ?? "").hasPrefix("(") {
            let party = try #require(record.parties.first { $0.nameEnglish == row["party"] }, "\(row["party"] ?? "")")
            let figures = record.national.figures(of: party.id)
            // A preliminary-only figure is not an official one: it stays unknown.
            #expect(figures?.votes == (row["status"] == "official" ? Int(row["votes"] ?? "") : nil), "\(party.nameEnglish)")
            #expect(record.seats(of: party.id) == Int(row["seats"] ?? ""), "\(party.nameEnglish)")
        }
        #expect(record.parties.count == 20)
    }

    @Test func seatsByProvinceAreThePublishedOnesAndVotesAreNot() throws {
        let rows = try ReferenceFacts.table("results_2018_by_province.csv").records(
            file: "results_2018_by_province.csv", required: ["code", "party", "seats", "votes"])
        #expect(rows.count == 25)
        for row in rows {
            let code = try #require(ProvinceCode(row["code"] ?? ""))
            let party = try #require(record.parties.first { $0.nameEnglish == row["party"] })
            #expect(record.seats(of: party.id, in: code) == Int(row["seats"] ?? ""))
            #expect(record.byConstituency[code]?.figures(of: party.id)?.votes == nil)
            // Every other party: no seat, since the published seats fill the province's.
            let other = try #require(record.parties.first { $0.id != party.id })
            #expect(record.seats(of: other.id, in: code) == 0)
        }
    }

    @Test func theBundleIsWhatSalaWrites() throws {
        let files = try PastElections.files("cambodia-2018")
        #expect(try ElectionRecordBundle.files(of: record) == files)
    }
}
