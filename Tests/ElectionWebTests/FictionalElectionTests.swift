import ElectionCore
import ElectionOperations
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A commission's own election, from nothing: three constituencies, five stations and four
/// parties, set up only through the bundle importer, the register and the NEC's pages and API,
/// then taken through result entry, the count's confirmation and the seats, which are checked
/// against D'Hondt worked out by hand below.
@Suite struct FictionalElectionTests {
    /// The bundle as a commission would write it: no party and no candidate, they come later.
    static let bundle: [String: String] = [
        "manifest.json": """
            {"format": "sala-election-bundle", "version": 1, "provenance": {"source": "test"},
             "election": {"id": "tonle-2025", "nameEnglish": "Tonle Assembly election 2025", "nameKhmer": "ការបោះឆ្នោតទន្លេ ២០២៥",
              "electionDay": "2025-03-02", "pollsOpen": "07:00", "pollsClose": "15:00", "seats": 6,
              "seatAllocationMethod": "highest-average", "minimumVotingAge": 18, "minimumCandidateAge": 25, "citizenship": "KHM",
              "utcOffsetMinutes": 420, "reserveCandidates": [0, 1]}}
            """,
        "constituencies.csv": "code,name_en,name_km,kind,seats\n01,North,ខាងជើង,province,2\n02,South,ខាងត្បូង,province,3\n03,Capital,រាជធានី,capital,1\n",
        "communes.csv": """
            code,district_code,district_name,name_en,name_km,kind,latitude,longitude
            010101,0101,Upper,Preaek,ព្រែក,Commune,13.1,104.1
            020101,0201,Lower,Kampong,កំពង់,Commune,11.1,104.9
            030101,0301,City,Phsar,ផ្សារ,Sangkat,11.5,104.9

            """,
        "polling_stations.csv": """
            code,name_en,name_km,address_en,address_km,latitude,longitude,registered_voters
            010101001,Preaek School,សាលាព្រែក,Main road,ផ្លូវធំ,13.1,104.1,1000
            010101002,Preaek Pagoda,វត្តព្រែក,River road,ផ្លូវទន្លេ,13.11,104.11,1000
            020101001,Kampong School,សាលាកំពង់,Market road,ផ្លូវផ្សារ,11.1,104.9,1000
            020101002,Kampong Hall,សាលាឃុំកំពង់,Hall road,ផ្លូវសាលា,11.11,104.91,1000
            030101001,Phsar School,សាលាផ្សារ,Street 1,ផ្លូវ១,11.5,104.9,1000

            """,
        "commissions.csv": "id,level,unit_code,name_en,name_km\nnec,national,,National Election Committee,គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត\n",
        "commission_members.csv": "commission_id,seat,role,name_km,name_latin,sex,voter_number\nnec,1,chair,សុខ ចាន់,Sok Chan,M,\n",
        "commission_sizes.csv": "level,minimum,maximum\nnational,1,9\n",
        "parties.csv": "number,name_en,name_km,abbreviation\n",
        "candidates.csv": "party,constituency,position,name_km,name_latin,sex,date_of_birth,voter_number\n",
        "calendar.csv": "milestone,opens,closes\nnominations,2025-01-10,2025-01-20\npolling,2025-03-02,2025-03-02\n",
    ]

    /// Votes at each station of a constituency, by party (in registration order). By hand, D'Hondt:
    /// North (2 seats): 1000, 800 | 500, 400 → parties 1 and 2 one each.
    /// South (3 seats): 1400, 700, 600, 466⅔ … → party 3 two (1400, 700), party 1 one (600).
    /// Capital (1 seat): 40 beats 30, 20, 10 → party 4.
    static let votes: [ProvinceCode: [Int]] = ["01": [500, 400, 90, 10], "02": [300, 100, 700, 200], "03": [10, 20, 30, 40]]
    static let expectedSeats: [ProvinceCode: [Int]] = ["01": [1, 1, 0, 0], "02": [1, 0, 2, 0], "03": [0, 0, 0, 1]]

    @Test func aCommissionRunsItsOwnElectionFromAnEmptyDatabase() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        let folder = directory.appendingPathComponent("bundle")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in Self.bundle { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        let path = directory.appendingPathComponent("tonle.sqlite").path
        _ = try await NewDatabase.sqlite(at: path, replacing: false) { store in try await ElectionBundleFiles.load(folder.path, into: store) }
        let store = try await SQLElectionStore.openSQLite(path: path)
        #expect(try await store.election().id == "tonle-2025")
        #expect(try await store.parties().isEmpty)

        // The register: four voters per seat's worth of candidates, all of age.
        let nec = try await store.addOfficial(name: "nec.admin", role: .necAdministrator, unitCode: .nation,
                                              passwordHash: Passwords.hash(ResultsWebTests.password, cost: 4))
        var people: [Voter] = []
        for index in 0..<24 {
            let station: StationCode = ["010101001", "020101001", "030101001"][index % 3]
            let voter = Voter(number: VoterNumber(serial: 500_000 + index), name: PersonName(khmer: "បេក្ខជន \(index)", latin: "Candidate \(index)"),
                              sex: index % 2 == 0 ? .female : .male, dateOfBirth: CalendarDate(year: 1970 + index, month: 1, day: 1)!,
                              stationCode: station)
            _ = try await store.registerVoter(voter, reason: "registration", by: nec, at: Date())
            people.append(voter)
        }

        // The NEC registers four parties through its pages and reopens nominations; each agent
        // submits its three lists through the API.
        let candidates = people
        let app = Application(router: try await PortalApplication.router(store: store, registrationChecks: nil))
        try await app.test(.router) { client in
            let session = try await ResultsWebTests.signIn(client, "nec.admin")
            var codes: [String] = []
            for name in ["Lotus", "Mango", "River", "Star"] {
                let filed = try await client.postForm("/en/desk/parties/applications", [
                    ("csrf", session.csrf), ("nameEnglish", "\(name) Party"), ("nameKhmer", "គណបក្ស \(name)"), ("abbreviation", String(name.prefix(1))),
                    ("leader", "Leader of \(name)"), ("contact", "\(name.lowercased())@example.org"),
                ], cookie: session.cookie)
                #expect(filed.status == .seeOther)
                let id = try #require(try await store.partyApplications().first { $0.nameEnglish == "\(name) Party" }).id
                let registered = try await client.postForm("/en/desk/parties/applications/\(id)", [
                    ("csrf", session.csrf), ("decision", "register"), ("agent", "Agent of \(name)"), ("reason", "complete application"),
                ], cookie: session.cookie)
                codes.append(String(try #require(registered.body.firstMatch(of: /id="agent-code">([0-9a-f]{64})</)).1))
            }
            let moved = try await client.postForm("/en/desk/calendar", [
                ("csrf", session.csrf), ("milestone", "nominations"), ("closes", "2099-12-31"), ("reason", "a test held after polling day"),
            ], cookie: session.cookie)
            #expect(moved.status == .seeOther)
            var next = 0
            for (index, code) in codes.enumerated() {
                for province in ["01", "02", "03"] {
                    let seats = try await store.constituency(ProvinceCode(rawValue: province)!).seats
                    let list = candidates[next..<(next + seats)]
                    next += seats
                    let body = "{\"candidates\": [" + list.map {
                        "{\"voterNumber\": \"\($0.number)\", \"name\": \"\($0.name.latin)\", \"nationalByBirth\": true}"
                    }.joined(separator: ", ") + "]}"
                    let reply = try await client.postJSON("/api/v1/parties/\(index + 1)/lists/\(province)", body, bearer: code)
                    #expect(reply.status == .created, "\(reply.body)")
                }
            }
        }
        #expect(try await store.parties().map(\.nameEnglish) == ["Lotus Party", "Mango Party", "River Party", "Star Party"])
        #expect(try await store.candidates().count == 24)

        // Result entry: two officials key in each station's form; the warnings (the register
        // holds fewer voters than the forms) are acknowledged; the count is confirmed.
        let second = try await store.addOfficial(name: "nec.second", role: .necAdministrator, unitCode: .nation, passwordHash: "!")
        let codes: [ProvinceCode: [StationCode]] = ["01": ["010101001", "010101002"], "02": ["020101001", "020101002"], "03": ["030101001"]]
        for (province, stationCodes) in codes {
            let ballot = try await store.ballot(constituency: province)
            #expect(ballot == [1, 2, 3, 4])
            for station in stationCodes {
                let share = Self.votes[province]!.map { $0 / stationCodes.count }
                let cast = share.reduce(0, +)
                let counts = ResultCounts(
                    registeredVoters: 1000, ballotsReceived: 1000, ballotsIssued: cast, ballotsInBox: cast, spoiledBallots: 0,
                    unusedBallots: 1000 - cast, invalidBallots: 0, votes: Dictionary(uniqueKeysWithValues: zip(ballot, share)))
                for official in [nec, second] {
                    let outcome = try await store.apply([FormRequest(stationCode: station, expectedVersion: 1, action: .enter(counts), official: official)], at: Date())
                    let version = try outcome[0].get()
                    if version.status == .awaitingAcknowledgement {
                        _ = try await store.apply([FormRequest(stationCode: station, expectedVersion: 1, action: .acknowledge, official: nec)], at: Date())
                    }
                }
            }
            try await store.confirmResults(.province(province), by: nec, at: Date())
        }
        try await store.confirmResults(.nation, by: nec, at: Date())

        let report = try await store.resultsReport()
        for result in report.constituencies {
            let expected = Self.expectedSeats[result.constituency.id]!
            #expect(result.tie == nil)
            #expect((1...4).map { result.seats[PartyNumber(rawValue: $0)!] ?? 0 } == expected, "\(result.constituency.id)")
            // The seats go to each list's first candidates, in list order.
            var firsts: [Candidate] = []
            for (index, seats) in expected.enumerated() where seats > 0 {
                firsts += try await store.candidates(party: PartyNumber(rawValue: index + 1)!, constituency: result.constituency.id).prefix(seats)
            }
            #expect(Set(result.elected.map(\.name)) == Set(firsts.map(\.name)))
        }
        #expect(report.seatsByParty == [1: 2, 2: 1, 3: 2, 4: 1])
        #expect(report.national.counts.votes == [1: 810, 2: 520, 3: 820, 4: 250])
        #expect(report.national.isOfficial)

        // The commission keeps its previous election's published figures as a record, and the
        // public compares the two: 2025's shares are of 2,400 valid votes, 2020's of 2,000.
        let record = directory.appendingPathComponent("tonle-2020")
        try FileManager.default.createDirectory(at: record, withIntermediateDirectories: true)
        for (name, text) in Self.previousElection { try Data(text.utf8).write(to: record.appendingPathComponent(name)) }
        #expect(try ElectionRecordFiles.isRecord(record.path))
        _ = try await ElectionRecordFiles.keep(record.path, in: store, replacing: false)
        try await app.test(.router) { client in
            let list = try await client.get("/en/elections").body
            #expect(list.contains("Tonle Assembly election 2020") && list.contains("Tonle Assembly election 2025"))
            let page = try await client.get("/en/elections/tonle-2025/comparison/tonle-2020").body
            #expect(!page.contains("id=\"partial\""))
            // Lotus: 600 of 2,000 (30%) then 810 of 2,400 (33.75%); Mango: 45% then 21.67%, 3 seats then 1.
            #expect(page.contains("<th scope=\"row\">Lotus Party (L)</th><td>600</td><td>30.00%</td><td>3</td><td>810</td><td>33.75%</td><td>2</td><td>+3.75</td><td>−1</td>"))
            #expect(page.contains("<td>900</td><td>45.00%</td><td>3</td><td>520</td><td>21.67%</td><td>1</td><td>−23.33</td><td>−2</td>"))
            #expect(page.contains("<th scope=\"row\">Old Party</th><td>500</td><td>25.00%</td><td>0</td><td>did not stand</td>"))
            let json = try await client.get("/api/v1/elections/tonle-2020/comparison/tonle-2025").body
            #expect(json.contains(#""share":"27/80""#))
        }
        try await store.addMission(
            ObserverMission(id: "watch-2025", organisation: "Tonle Watch", nameEnglish: "Tonle Watch mission", nameKhmer: "បេសកកម្មឃ្លាំមើលទន្លេ",
                            kind: "domestic", invitationDate: nil, invitedBy: [], workingGroup: []),
            members: [MissionMember(missionID: "watch-2025", seat: 1, name: "Sok Dara", body: "Tonle Watch", title: "Head of mission",
                                    isHead: true, accreditation: .accredited)])
        try await store.close()

        // Five years on, the commission sets up its next election: the 2025 count is official, so
        // the replacement keeps it as a record of its results, province by province.
        let next = directory.appendingPathComponent("tonle-2030")
        try FileManager.default.createDirectory(at: next, withIntermediateDirectories: true)
        for (name, text) in Self.bundle {
            // The next election also brings a law with a threshold and a tie rule.
            let moved = text.replacingOccurrences(of: "tonle-2025", with: "tonle-2030").replacingOccurrences(of: "2025", with: "2030")
                .replacingOccurrences(of: "2030-03-02", with: "2030-03-03")
                .replacingOccurrences(of: #""reserveCandidates": [0, 1]}"#,
                                      with: #""reserveCandidates": [0, 1], "seatRules": {"thresholdPercent": "5", "thresholdScope": "national", "ties": "ballot-order"}}"#)
            try Data(moved.utf8).write(to: next.appendingPathComponent(name))
        }
        let refused = try await #require(throws: OperationRefusal.self) { try await ElectionReplacement.sqlite(bundle: next.path, at: path) }
        #expect(refused.description.contains("--archive-current"))
        let outcome = try await ElectionReplacement.sqlite(bundle: next.path, at: path, archivingCurrent: true)
        #expect(outcome.archived?.election.id == "tonle-2025")
        #expect(outcome.recordsKept == 2)
        let after = try await SQLElectionStore.openSQLite(path: path)
        #expect(try await after.elections().map(\.id) == ["tonle-2030", "tonle-2025", "tonle-2020"])
        #expect(try await after.election().seatRules == SeatRules(thresholdPercent: "5", thresholdScope: .national, ties: .ballotOrder))
        let archived = try await after.electionRecord("tonle-2025")
        #expect(archived.status == .official)
        #expect(archived.byConstituency["02"]?.figures(of: PartyNumber(rawValue: 3)!)?.votes == 700)
        #expect(archived.seats(of: PartyNumber(rawValue: 3)!, in: "02") == 2)
        #expect(archived.provenance["publication"] == nil, "no publication was made in this test")
        let compared = ElectionComparison(try await after.electionRecord("tonle-2020"), archived)
        #expect(compared.national.parties.first { $0.nameEnglish == "Lotus Party" }?.later?.share == Rational(27, 80))
        #expect(try await after.holdsResults() == false)
        // The observers' report went with it, and is shown and exported with the record.
        #expect(archived.missionReports.map(\.mission.id) == ["watch-2025"])
        let afterApp = Application(router: try await PortalApplication.router(store: after, registrationChecks: nil))
        try await afterApp.test(.router) { client in
            #expect(try await client.get("/en/elections/tonle-2025").body.contains("href=\"/en/elections/tonle-2025/missions/watch-2025\""))
            let report = try await client.get("/km/elections/tonle-2025/missions/watch-2025")
            #expect(report.status == .ok && report.body.contains("បេសកកម្មឃ្លាំមើលទន្លេ"))
            #expect(try await client.get("/en/elections/tonle-2025/missions/nobody").status == .notFound)
        }
        let exported = directory.appendingPathComponent("tonle-2025-record").path
        try await ElectionRecordFiles.export(after, id: "tonle-2025", to: exported)
        #expect(try ElectionRecordFiles.check(exported) == archived)
        try await after.close()
    }

    /// The same commission's election of 2020, as it published it: national figures only.
    static let previousElection: [String: String] = [
        "manifest.json": """
            {"format": "sala-election-record", "version": 1, "status": "official", "provenance": {"source": "test"},
             "election": {"id": "tonle-2020", "nameEnglish": "Tonle Assembly election 2020", "nameKhmer": "ការបោះឆ្នោតទន្លេ ២០២០",
              "kind": "national-assembly", "electionDay": "2020-03-01", "seats": 6, "seatAllocationMethod": "highest-average"}}
            """,
        "constituencies.csv": bundle["constituencies.csv"]!,
        "parties.csv": "number,name_en,name_km,abbreviation\n1,Lotus Party,,L\n2,Mango Party,,M\n3,Old Party,,\n",
        "totals.csv": "constituency,registered_voters,ballots_cast,valid_votes,invalid_votes\n,2500,2100,2000,100\n",
        "results.csv": "constituency,party,votes,seats\n,1,600,3\n,2,900,3\n,3,500,0\n",
    ]
}
