import ElectionCore
import Foundation
import Testing

/// Election records: read from their files with every problem named, written back the same, and
/// compared without inventing a figure either election did not publish.
@Suite struct ElectionRecordTests {
    /// A two-constituency record: North (01) has 3 seats, South (02) 2 with seats but no votes
    /// published; parties 1 (Alpha, ALP, no Khmer name), 2 (Beta), 3 (Gamma).
    static func files(
        totals: String = ",1000,800,760,40\n01,600,480,450,30\n",
        results: String = ",1,400,3\n,2,250,1\n,3,110,1\n01,1,300,2\n01,2,150,1\n02,1,,1\n02,3,,1\n"
    ) -> [String: Data] {
        let manifest = """
            {"format":"sala-election-record","version":1,"status":"official","provenance":{"source":"test"},
             "election":{"id":"test-2020","nameEnglish":"Test 2020","nameKhmer":"តេស្ត ២០២០","kind":"national-assembly",
                         "electionDay":"2020-05-10","seats":5,"seatAllocationMethod":"highest-average"}}
            """
        return [
            "manifest.json": Data(manifest.utf8),
            "constituencies.csv": Data("code,name_en,name_km,kind,seats\n01,North,ខាងជើង,province,3\n02,South,ខាងត្បូង,province,2\n".utf8),
            "parties.csv": Data("number,name_en,name_km,abbreviation\n1,Alpha Party,,ALP\n2,Beta Party,បេតា,\n3,Gamma Party,ហ្គាម៉ា,\n".utf8),
            "totals.csv": Data(("constituency,registered_voters,ballots_cast,valid_votes,invalid_votes\n" + totals).utf8),
            "results.csv": Data(("constituency,party,votes,seats\n" + results).utf8),
        ]
    }

    @Test func readsARecordAndWritesItBackTheSame() throws {
        let record = try ElectionRecordBundle.read(Self.files())
        #expect(record.election.id == "test-2020")
        #expect(record.national.totals.validVotes == 760)
        #expect(record.byConstituency["01"]?.figures(of: PartyNumber(rawValue: 2)!)?.votes == 150)
        #expect(record.byConstituency["02"]?.figures(of: PartyNumber(rawValue: 1)!)?.votes == nil)
        #expect(record.parties[0].nameKhmer == "")
        let written = try ElectionRecordBundle.files(of: record)
        #expect(try ElectionRecordBundle.read(written) == record)
        #expect(try ElectionRecordBundle.files(of: try ElectionRecordBundle.read(written)) == written)
    }

    @Test func seatsOfAPartyNotListedAreZeroOnlyWhenTheSeatsAreFilled() throws {
        var files = Self.files()
        // South: only party 1's seat given, one seat of two unaccounted for.
        files["results.csv"] = Data("constituency,party,votes,seats\n,1,400,3\n,2,250,2\n01,1,300,2\n01,2,150,1\n02,1,,1\n".utf8)
        let record = try ElectionRecordBundle.read(files)
        #expect(record.seats(of: PartyNumber(rawValue: 3)!, in: "01") == 0)
        #expect(record.seats(of: PartyNumber(rawValue: 3)!, in: "02") == nil)
        // Nationally party 3 has no published seats and one constituency is unknown: unknown.
        #expect(record.seats(of: PartyNumber(rawValue: 3)!) == nil)
        #expect(record.seats(of: PartyNumber(rawValue: 1)!) == 3)
    }

    @Test func everyProblemIsNamedWithItsFileLineAndColumn() throws {
        var files = Self.files(results: ",1,400,3\n,9,10,0\n07,1,5,0\n01,2,many,1\n,1,1,1\n02,3,,\n")
        files["parties.csv"] = Data("number,name_en,name_km,abbreviation\n1,Alpha Party,,ALP\n1,Beta Party,,\n3,,,\n".utf8)
        do {
            _ = try ElectionRecordBundle.read(files)
            Issue.record("a record with mistakes was read")
        } catch {
            let found = Set(error.all.map { "\($0.file):\($0.line ?? 0):\($0.column ?? "")" })
            for expected in ["parties.csv:3:number", "parties.csv:4:name_en", "results.csv:3:party", "results.csv:4:constituency",
                             "results.csv:5:votes", "results.csv:6:party", "results.csv:7:votes"] {
                #expect(found.contains(expected), "\(expected) not among \(found.sorted())")
            }
        }
    }

    @Test func figuresThatDoNotAddUpAreRefused() throws {
        // Valid and invalid do not make the ballots cast; 5 seats given in a 3-seat constituency.
        let files = Self.files(totals: ",1000,800,700,40\n", results: ",1,400,3\n01,1,300,5\n")
        do {
            _ = try ElectionRecordBundle.read(files)
            Issue.record("inconsistent figures were read")
        } catch {
            let reasons = error.all.map(\.reason).joined(separator: "\n")
            #expect(reasons.contains("do not make the 800 ballots cast"))
            #expect(reasons.contains("constituency 01: 5 seats given, but it has 3"))
        }
    }

    @Test func comparisonMatchesPartiesAndLeavesUnknownsUnknown() throws {
        let earlier = try ElectionRecordBundle.read(Self.files())
        // A later election: Alpha under a new name but the same abbreviation, Beta gone, Delta new.
        var later = earlier
        later.election.id = "test-2025"
        later.election.electionDay = CalendarDate(iso: "2025-05-11")!
        later.parties = [
            Party(id: PartyNumber(rawValue: 1)!, nameEnglish: "Alpha Alliance", nameKhmer: "", abbreviation: "alp"),
            Party(id: PartyNumber(rawValue: 2)!, nameEnglish: "GAMMA party", nameKhmer: "", abbreviation: ""),
            Party(id: PartyNumber(rawValue: 3)!, nameEnglish: "Delta Party", nameKhmer: "", abbreviation: ""),
        ]
        later.national = .init(totals: .init(registeredVoters: 1100, ballotsCast: 900, validVotes: 900, invalidVotes: 0), parties: [
            .init(party: PartyNumber(rawValue: 1)!, votes: 300, seats: 2), .init(party: PartyNumber(rawValue: 2)!, votes: 300, seats: 2),
            .init(party: PartyNumber(rawValue: 3)!, votes: 300, seats: 1),
        ])
        later.byConstituency = ["02": .init(totals: .init(), parties: [.init(party: PartyNumber(rawValue: 1)!, votes: nil, seats: 2)])]

        // The order given does not matter: the earlier polling day is the earlier side.
        let c = ElectionComparison(later, earlier)
        #expect(c.earlier.election.id == "test-2020")
        let lines = Dictionary(uniqueKeysWithValues: c.national.parties.map { ($0.nameEnglish, $0) })
        #expect(Set(lines.keys) == ["Alpha Alliance", "GAMMA party", "Delta Party", "Beta Party"])
        let alpha = try #require(lines["Alpha Alliance"])
        #expect(alpha.earlier?.votes == 400)
        #expect(alpha.earlier?.share == Rational(400, 760))
        #expect(alpha.later?.share == Rational(1, 3))
        #expect(lines["GAMMA party"]?.earlier?.votes == 110)
        #expect(lines["Beta Party"]?.later == nil)
        #expect(lines["Delta Party"]?.earlier == nil)
        // Only South has figures in both; there the later election published seats, not votes.
        #expect(c.constituencies.map(\.constituency?.id) == ["02"])
        let south = try #require(c.constituencies.first)
        let southAlpha = try #require(south.parties.first { $0.nameEnglish == "Alpha Alliance" })
        #expect(southAlpha.earlier?.seats == 1 && southAlpha.later?.seats == 2)
        #expect(southAlpha.later?.votes == nil && southAlpha.later?.share == nil)
    }

    @Test func theCurrentElectionIsRecordedWithSeatsOnlyWhereTheCountIsComplete() throws {
        let election = Election(
            id: "now", nameEnglish: "Now", nameKhmer: "ឥឡូវ", electionDay: CalendarDate(iso: "2028-07-23")!, pollsOpen: "07:00",
            pollsClose: "15:00", seats: 3, seatAllocationMethod: "highest-average", minimumVotingAge: 18, minimumCandidateAge: 25,
            citizenship: "KHM", utcOffsetMinutes: 420, reserveCandidates: 0...0)
        let parties = [Party(id: PartyNumber(rawValue: 1)!, nameEnglish: "One", nameKhmer: "មួយ", abbreviation: ""),
                       Party(id: PartyNumber(rawValue: 2)!, nameEnglish: "Two", nameKhmer: "ពីរ", abbreviation: "")]
        func counts(_ one: Int, _ two: Int) -> ResultCounts {
            ResultCounts(registeredVoters: 100, ballotsReceived: 100, ballotsIssued: one + two + 1, ballotsInBox: one + two + 1,
                         spoiledBallots: 0, unusedBallots: 0, invalidBallots: 1, votes: [PartyNumber(rawValue: 1)!: one, PartyNumber(rawValue: 2)!: two])
        }
        let north = Constituency(id: "01", nameEnglish: "North", nameKhmer: "ជើង", kind: "province", seats: 2)
        let south = Constituency(id: "02", nameEnglish: "South", nameKhmer: "ត្បូង", kind: "province", seats: 1)
        let report = ResultsReport(
            election: election, parties: parties,
            national: ResultTotals(level: .national, code: .nation, counts: counts(90, 40), stationsReported: 2, stationsTotal: 3, registeredOnList: 300, confirmed: false),
            constituencies: [
                .init(constituency: north, totals: ResultTotals(level: .province, code: .province("01"), counts: counts(60, 30), stationsReported: 1, stationsTotal: 1, registeredOnList: 100, confirmed: false),
                      seats: [PartyNumber(rawValue: 1)!: 2], tie: nil, elected: []),
                .init(constituency: south, totals: ResultTotals(level: .province, code: .province("02"), counts: counts(30, 10), stationsReported: 1, stationsTotal: 2, registeredOnList: 200, confirmed: false),
                      seats: [PartyNumber(rawValue: 1)!: 1], tie: nil, elected: []),
            ])
        let record = ElectionRecord(report: report)
        #expect(record.status == .counting)
        #expect(record.national.stationsReported == 2 && record.national.stationsTotal == 3)
        #expect(record.seats(of: PartyNumber(rawValue: 1)!, in: "01") == 2)
        #expect(record.seats(of: PartyNumber(rawValue: 1)!, in: "02") == nil, "South is half counted: its seat is not known")
        #expect(record.seats(of: PartyNumber(rawValue: 1)!) == nil)
        #expect(record.national.figures(of: PartyNumber(rawValue: 2)!)?.votes == 40)
        #expect(record.national.totals.validVotes == 130 && record.national.totals.ballotsCast == 131)
    }
}
