import ElectionCore
import ElectionTestSupport
import Foundation
import Testing

/// The NIST SP 1500-100 v2 results export: its figures trace to the report, and the document is
/// valid against the official JSON Schema (`Fixtures/NIST_V2_election_results_reporting.json`),
/// checked by python3's `jsonschema` (Draft4Validator with format checks).
@Suite struct NISTExportTests {
    // MARK: A small report: 2 constituencies, 3 parties (ballot numbers 1, 2 and 4)

    static let parties = [
        Party(id: 1, nameEnglish: "Cambodian People's Party", nameKhmer: "គណបក្សប្រជាជនកម្ពុជា", abbreviation: "CPP"),
        Party(id: 2, nameEnglish: "FUNCINPEC", nameKhmer: "គណបក្សហ្វ៊ុនស៊ិនប៉ិច", abbreviation: "FUNCINPEC"),
        Party(id: 4, nameEnglish: "Cambodian Youth Party", nameKhmer: "គណបក្សយុវជនកម្ពុជា", abbreviation: ""),
    ]
    static let banteayMeanchey = Constituency(id: "01", nameEnglish: "Banteay Meanchey", nameKhmer: "បន្ទាយមានជ័យ", kind: "province", seats: 6)
    static let phnomPenh = Constituency(id: "12", nameEnglish: "Phnom Penh", nameKhmer: "ភ្នំពេញ", kind: "capital", seats: 12)
    static let electedInPhnomPenh = Candidate(
        partyID: 1, constituencyCode: "12", listPosition: 1, name: PersonName(khmer: "សុខ សុភា", latin: "Sok Sophea"),
        sex: .female, dateOfBirth: CalendarDate(year: 1970, month: 1, day: 2)!)

    /// Banteay Meanchey: 3 of 4 stations reported; Phnom Penh: all 5 reported and confirmed.
    static func report(
        phnomPenhStations: Int = 5, banteayMeancheyStations: Int = 3, confirmed: Bool = false,
        banteayMeancheySeats: [PartyNumber: Int] = [1: 5, 2: 1, 4: 0], tie: SeatTie? = nil
    ) -> ResultsReport {
        let bmc = ResultCounts(
            registeredVoters: 600, ballotsReceived: 650, ballotsIssued: 476, ballotsInBox: 475,
            spoiledBallots: 2, unusedBallots: 172, invalidBallots: 5, votes: [1: 310, 2: 120, 4: 40])
        let pp = ResultCounts(
            registeredVoters: 1_500, ballotsReceived: 1_600, ballotsIssued: 1_230, ballotsInBox: 1_230,
            spoiledBallots: 4, unusedBallots: 366, invalidBallots: 30, votes: [1: 900, 2: 250, 4: 50])
        let bmcTotals = ResultTotals(
            level: .province, code: "01", counts: bmc, stationsReported: banteayMeancheyStations, stationsTotal: 4,
            registeredOnList: 800, confirmed: confirmed)
        let ppTotals = ResultTotals(
            level: .province, code: "12", counts: pp, stationsReported: phnomPenhStations, stationsTotal: 5,
            registeredOnList: 1_500, confirmed: confirmed)
        var national = ResultCounts.zero
        national.add(bmc)
        national.add(pp)
        return ResultsReport(
            election: Election(
                id: "cambodia-2023", nameEnglish: "National Assembly Election 2023",
                nameKhmer: "ការបោះឆ្នោតជ្រើសតាំងតំណាងរាស្ត្រ ឆ្នាំ២០២៣", electionDay: CalendarDate(year: 2023, month: 7, day: 23)!,
                pollsOpen: "07:00", pollsClose: "15:00", seats: 18, seatAllocationMethod: "highest-average",
                minimumVotingAge: 18, minimumCandidateAge: 25, citizenship: "KHM", utcOffsetMinutes: 420, reserveCandidates: 0...3),
            parties: parties,
            national: ResultTotals(
                level: .national, code: "", counts: national, stationsReported: phnomPenhStations + banteayMeancheyStations,
                stationsTotal: 9, registeredOnList: 2_300, confirmed: confirmed),
            constituencies: [
                .init(constituency: banteayMeanchey, totals: bmcTotals, seats: banteayMeancheySeats, tie: tie, elected: []),
                .init(constituency: phnomPenh, totals: ppTotals, seats: [1: 10, 2: 2, 4: 0], tie: nil, elected: [ElectedMember(electedInPhnomPenh, electionDay: CalendarDate(year: 2023, month: 7, day: 23)!)]),
            ])
    }

    static let generatedAt = Date(timeIntervalSince1970: 1_690_117_200)  // 2023-07-23T13:00:00Z

    static func export(_ report: ResultsReport, publication: Int? = 3, detail: [NISTResultsExport.DetailUnit] = []) throws -> Data {
        try NISTResultsExport.json(report, generatedAt: generatedAt, publication: publication, detail: detail)
    }

    /// Phnom Penh's figures split over two communes, one of them with its three stations, and a
    /// Banteay Meanchey commune where nothing has reported.
    static let detail: [NISTResultsExport.DetailUnit] = {
        func counts(_ votes: [PartyNumber: Int], invalid: Int) -> ResultCounts {
            let box = votes.values.reduce(0, +) + invalid
            return ResultCounts(
                registeredVoters: box + 100, ballotsReceived: box + 120, ballotsIssued: box, ballotsInBox: box, spoiledBallots: 0,
                unusedBallots: 120, invalidBallots: invalid, votes: votes)
        }
        func unit(_ code: UnitCode, _ c: ResultCounts, reported: Int, of total: Int, _ name: String, kind: String = "") -> NISTResultsExport.DetailUnit {
            .init(totals: ResultTotals(level: code.level, code: code, counts: c, stationsReported: reported, stationsTotal: total,
                                       registeredOnList: c.registeredVoters, confirmed: false),
                  nameEnglish: name, nameKhmer: name, kind: kind)
        }
        return [
            unit("120101", counts([1: 600, 2: 150, 4: 30], invalid: 20), reported: 3, of: 3, "Tonle Basak", kind: "Sangkat"),
            unit("120102", counts([1: 300, 2: 100, 4: 20], invalid: 10), reported: 2, of: 2, "Boeng Keng Kang Ti Muoy", kind: "Sangkat"),
            unit("010201", .zero, reported: 0, of: 2, "Banteay Neang", kind: "Commune"),
            unit("120101001", counts([1: 200, 2: 50, 4: 10], invalid: 5), reported: 1, of: 1, "Station 1"),
            unit("120101002", counts([1: 200, 2: 50, 4: 10], invalid: 5), reported: 1, of: 1, "Station 2"),
            unit("120101003", counts([1: 200, 2: 50, 4: 10], invalid: 10), reported: 1, of: 1, "Station 3"),
        ]
    }()

    /// Communes and stations below their provinces: each a unit of its own with its figures,
    /// composed where it lies; a commune's votes add up to its province's.
    @Test func communesAndStationsAreReportedBelowTheirProvinces() throws {
        let document = try Self.object(try Self.export(Self.report(), detail: Self.detail))
        let units = try #require(document["GpUnit"] as? [[String: Any]])
        func unit(_ id: String) -> [String: Any]? { units.first { $0["@id"] as? String == id } }
        #expect(unit("gpu-12")?["ComposingGpUnitIds"] as? [String] == ["gpu-120101", "gpu-120102"])
        #expect(unit("gpu-01")?["ComposingGpUnitIds"] as? [String] == ["gpu-010201"])
        #expect(unit("gpu-120101")?["ComposingGpUnitIds"] as? [String] == ["gpu-120101001", "gpu-120101002", "gpu-120101003"])
        #expect(unit("gpu-120101")?["OtherType"] as? String == "sangkat" && unit("gpu-120101001")?["Type"] as? String == "polling-place")
        #expect(unit("gpu-010201").map { status($0["CountStatus"], "total") } == "not-processed")
        let election = try #require((document["Election"] as? [[String: Any]])?.first)
        let contests = try #require(election["Contest"] as? [[String: Any]])
        let phnomPenh = try #require(contests.first { $0["@id"] as? String == "contest-12" })
        let cpp = try #require((phnomPenh["ContestSelection"] as? [[String: Any]])?.first { ($0["PartyIds"] as? [String]) == ["party-1"] })
        let counts = try #require(cpp["VoteCounts"] as? [[String: Any]])
        func votes(_ unit: String) -> Int? {
            counts.first { $0["GpUnitId"] as? String == unit && $0["Type"] as? String == "total" }?["Count"] as? Int
        }
        #expect(votes("gpu-12") == 900 && votes("gpu-120101") == 600 && votes("gpu-120102") == 300)
        #expect(votes("gpu-120101") == ["gpu-120101001", "gpu-120101002", "gpu-120101003"].compactMap(votes).reduce(0, +))
        // Nothing reported in Banteay Neang: no votes said for it, and no seats below a province.
        let bmc = try #require(contests.first { $0["@id"] as? String == "contest-01" })
        let bmcCounts = (bmc["ContestSelection"] as? [[String: Any]])?.flatMap { $0["VoteCounts"] as? [[String: Any]] ?? [] } ?? []
        #expect(!bmcCounts.contains { $0["GpUnitId"] as? String == "gpu-010201" })
        #expect(!counts.contains { $0["Type"] as? String == "seats" && $0["GpUnitId"] as? String != "gpu-12" })
        let ballots = try #require(election["BallotCounts"] as? [[String: Any]])
        #expect(ballots.first { $0["GpUnitId"] as? String == "gpu-120101003" }?["BallotsRejected"] as? Int == 10)
        // A unit outside the election's provinces is refused.
        var stray = Self.detail
        stray[0].totals.code = "230101"
        #expect(throws: NISTResultsExport.ExportError.unitOutsideTheElection("230101")) { try Self.export(Self.report(), detail: stray) }
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    // MARK: Figures

    @Test func figuresTraceToTheReport() throws {
        let report = Self.report()
        let root = try Self.object(try Self.export(report))

        #expect(root["@type"] as? String == "ElectionResults.ElectionReport")
        #expect(root["Format"] as? String == "summary-contest")
        #expect(root["Issuer"] as? String == "National Election Committee")
        #expect(root["IssuerAbbreviation"] as? String == "NEC")
        #expect(root["VendorApplicationId"] as? String == "Sala")
        #expect(root["Status"] as? String == "unofficial-partial")
        #expect(root["GeneratedDate"] as? String == "2023-07-23T20:00:00+07:00")
        #expect(root["SequenceStart"] as? Int == 1 && root["SequenceEnd"] as? Int == 1)
        let publication = try #require((root["ExternalIdentifier"] as? [[String: Any]])?.first)
        #expect(publication["OtherType"] as? String == "sala-publication" && publication["Value"] as? String == "3")

        // Parties: ballot numbers, both languages, no empty abbreviation.
        let parties = try #require(root["Party"] as? [[String: Any]])
        #expect(parties.compactMap { $0["@id"] as? String } == ["party-1", "party-2", "party-4"])
        let cpp = try #require(parties.first)
        #expect(texts(cpp["Name"]) == ["en": "Cambodian People's Party", "km": "គណបក្សប្រជាជនកម្ពុជា"])
        #expect(texts(cpp["Abbreviation"]) == ["en": "CPP"])
        #expect(parties.last?["Abbreviation"] == nil)

        // Reporting units: the nation made of the provinces, each with its own figures.
        let units = try #require(root["GpUnit"] as? [[String: Any]])
        let national = try #require(units.first { $0["@id"] as? String == "gpu-national" })
        #expect(national["Type"] as? String == "country")
        #expect(national["ComposingGpUnitIds"] as? [String] == ["gpu-01", "gpu-12"])
        #expect(national["VotersRegistered"] as? Int == 2_300)
        #expect(national["SubUnitsReported"] as? Int == 8 && national["TotalSubUnits"] as? Int == 9)
        let bmc = try #require(units.first { $0["@id"] as? String == "gpu-01" })
        #expect(bmc["Type"] as? String == "other" && bmc["OtherType"] as? String == "province")
        #expect(texts(bmc["Name"]) == ["en": "Banteay Meanchey", "km": "បន្ទាយមានជ័យ"])
        #expect(bmc["VotersRegistered"] as? Int == 800 && bmc["VotersParticipated"] as? Int == 476)
        #expect(status(bmc["CountStatus"], "total") == "in-process")
        let pp = try #require(units.first { $0["@id"] as? String == "gpu-12" })
        #expect(pp["OtherType"] as? String == "capital")
        #expect(status(pp["CountStatus"], "total") == "completed")

        // The election and its ballots.
        let election = try #require((root["Election"] as? [[String: Any]])?.first)
        #expect(election["Type"] as? String == "general" && election["ElectionScopeId"] as? String == "gpu-national")
        #expect(election["StartDate"] as? String == "2023-07-23" && election["EndDate"] as? String == "2023-07-23")
        let ballots = try #require(election["BallotCounts"] as? [[String: Any]])
        let bmcBallots = try #require(ballots.first { $0["GpUnitId"] as? String == "gpu-01" })
        #expect(bmcBallots["BallotsCast"] as? Int == 475 && bmcBallots["BallotsRejected"] as? Int == 5)
        let nationalBallots = try #require(ballots.first { $0["GpUnitId"] as? String == "gpu-national" })
        #expect(nationalBallots["BallotsCast"] as? Int == 1_705 && nationalBallots["BallotsRejected"] as? Int == 35)

        // Contests: votes and seats per party per constituency.
        let contests = try #require(election["Contest"] as? [[String: Any]])
        #expect(contests.compactMap { $0["@id"] as? String } == ["contest-01", "contest-12"])
        for (contest, result) in zip(contests, report.constituencies) {
            let unit = "gpu-\(result.constituency.id)"
            #expect(contest["@type"] as? String == "ElectionResults.PartyContest")
            #expect(contest["ElectionDistrictId"] as? String == unit)
            #expect(contest["VoteVariation"] as? String == "proportional")
            let selections = try #require(contest["ContestSelection"] as? [[String: Any]])
            #expect(selections.compactMap { ($0["PartyIds"] as? [String])?.first } == ["party-1", "party-2", "party-4"])
            var seats = 0
            for selection in selections {
                let partyID = try #require((selection["PartyIds"] as? [String])?.first)
                let party = try #require(PartyNumber(partyID.dropFirst("party-".count)))
                let counts = try #require(selection["VoteCounts"] as? [[String: Any]])
                #expect(counts.allSatisfy { $0["GpUnitId"] as? String == unit })
                #expect(counts.first { $0["Type"] as? String == "total" }?["Count"] as? Int == result.totals.counts.votes[party])
                let won = try #require(counts.first { $0["Type"] as? String == "seats" }?["Count"] as? Int)
                #expect(won == result.seats[party])
                seats += won
            }
            // No NumberElected on a PartyContest: without a tie the seats won add up to it.
            #expect(contest["NumberElected"] == nil)
            #expect(seats == result.constituency.seats)
        }
        let pp1 = try #require((contests[1]["ContestSelection"] as? [[String: Any]])?.first?["VoteCounts"] as? [[String: Any]])
        #expect(pp1.map { $0["Count"] as? Int } == [900, 10])

        // Members elected are left out (no place in a PartyContest), and so is their personal data.
        let text = try #require(String(data: try Self.export(report), encoding: .utf8))
        #expect(!text.contains("Sok Sophea") && !text.contains("Candidate"))
    }

    @Test func sameReportSameBytes() throws {
        #expect(try Self.export(Self.report()) == Self.export(Self.report()))
    }

    @Test func statusFollowsTheNationalTotals() throws {
        #expect(NISTResultsExport.status(of: Self.report()) == .unofficialPartial)
        #expect(NISTResultsExport.status(of: Self.report(banteayMeancheyStations: 4)) == .unofficialComplete)
        #expect(NISTResultsExport.status(of: Self.report(banteayMeancheyStations: 4, confirmed: true)) == .certified)
        // Confirmed but incomplete stays partial.
        #expect(NISTResultsExport.status(of: Self.report(confirmed: true)) == .unofficialPartial)
        let zero = try Self.object(
            try NISTResultsExport.json(Self.report(), generatedAt: Self.generatedAt, status: .preElection, publication: nil))
        #expect(zero["Status"] as? String == "pre-election")
        #expect(zero["ExternalIdentifier"] == nil)
    }

    @Test func aTieLeavesSeatsInProcessAndIsNoted() throws {
        let report = Self.report(banteayMeancheyStations: 4, banteayMeancheySeats: [1: 4, 2: 1, 4: 0], tie: SeatTie(parties: [1, 2], seats: 1))
        let root = try Self.object(try Self.export(report))
        let contest = try #require(((root["Election"] as? [[String: Any]])?.first?["Contest"] as? [[String: Any]])?.first)
        #expect(status(contest["CountStatus"], "total") == "completed")
        #expect(status(contest["CountStatus"], "seats") == "in-process")
        let notes = try #require(root["Notes"] as? String)
        #expect(notes.contains("Banteay Meanchey") && notes.contains("Cambodian People's Party") && notes.contains("FUNCINPEC"))
    }

    @Test func figuresForAPartyNotInTheReportAreRefused() {
        var report = Self.report()
        report.constituencies[0].totals.counts.votes[9] = 1
        #expect(throws: NISTResultsExport.ExportError.unknownParty(ballotNumber: 9, constituency: "01")) {
            try Self.export(report)
        }
    }

    // MARK: The official schema

    static var jsonschemaAvailable: Bool {
        (try? Python3.run(["-c", "import jsonschema"]).status) == 0
    }

    @Test(.enabled(
        if: jsonschemaAvailable || ProcessInfo.processInfo.environment["SALA_REQUIRE_JSONSCHEMA"] == "1",
        "python3 with jsonschema not installed: pip install jsonschema"))
    func validAgainstTheOfficialSchema() throws {
        try #require(Self.jsonschemaAvailable, "SALA_REQUIRE_JSONSCHEMA=1 but python3 cannot import jsonschema: pip install jsonschema")
        let schema = try #require(
            Bundle.module.url(forResource: "NIST_V2_election_results_reporting", withExtension: "json", subdirectory: "Fixtures"))
        let tie = SeatTie(parties: [1, 2], seats: 1)
        for (name, report) in [
            ("partial", Self.report()), ("certified", Self.report(banteayMeancheyStations: 4, confirmed: true)),
            ("tie", Self.report(banteayMeancheySeats: [1: 4, 2: 1, 4: 0], tie: tie)),
        ] {
            let errors = try Self.schemaErrors(try Self.export(report), schema: schema)
            #expect(errors.isEmpty, "\(name): \(errors)")
        }
        let detailed = try Self.schemaErrors(try Self.export(Self.report(), detail: Self.detail), schema: schema)
        #expect(detailed.isEmpty, "communes and stations: \(detailed)")

        // The validation bites: a value outside an enumeration, and a property the schema does not
        // define, are each refused.
        let good = try Self.object(try Self.export(Self.report()))
        var badEnum = good
        badEnum["Status"] = "final"
        #expect(try !Self.schemaErrors(try JSONSerialization.data(withJSONObject: badEnum), schema: schema).isEmpty)
        var badProperty = good
        var election = try #require((good["Election"] as? [[String: Any]])?.first)
        var contests = try #require(election["Contest"] as? [[String: Any]])
        contests[0]["NumberElected"] = 6
        election["Contest"] = contests
        badProperty["Election"] = [election]
        #expect(try !Self.schemaErrors(try JSONSerialization.data(withJSONObject: badProperty), schema: schema).isEmpty)
    }

    /// The schema's complaints about `document`, one a line; empty when it is valid.
    static func schemaErrors(_ document: Data, schema: URL) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sala-nist-\(UUID().uuidString).json")
        try document.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            document = json.load(open(sys.argv[2], encoding="utf-8"))
            checker = getattr(jsonschema.Draft4Validator, "FORMAT_CHECKER", None) or jsonschema.draft4_format_checker
            validator = jsonschema.Draft4Validator(schema, format_checker=checker)
            errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
            def causes(e):
                # Under a oneOf (a GpUnit, a Party, a Contest, a ContestSelection) the causes are the
                # errors of the branch whose "@type" the object has.
                if not e.context:
                    return [e]
                branches = {}
                for c in e.context:
                    branches.setdefault(c.schema_path[0], []).append(c)
                own = [b for b in branches.values() if not any(list(c.relative_path) == ["@type"] for c in b)]
                return [x for c in own[0] for x in causes(c)] if len(own) == 1 else [e]
            for e in errors:
                for c in causes(e):
                    print("/".join(map(str, c.absolute_path)) + ": " + c.message[:300])
            sys.exit(1 if errors else 0)
            """
        let (status, output) = try Python3.run(["-c", script, schema.path, file.path])
        if status == 0 { return "" }
        return output.isEmpty ? "validator exited with status \(status)" : output
    }
}

/// Language → text of an `InternationalizedText`.
private func texts(_ value: Any?) -> [String: String] {
    let strings = ((value as? [String: Any])?["Text"] as? [[String: Any]]) ?? []
    return Dictionary(uniqueKeysWithValues: strings.compactMap { s in
        (s["Language"] as? String).flatMap { l in (s["Content"] as? String).map { (l, $0) } }
    })
}

/// The `Status` of the `CountStatus` entry of this `Type`.
private func status(_ value: Any?, _ type: String) -> String? {
    ((value as? [[String: Any]]) ?? []).first { $0["Type"] as? String == type }?["Status"] as? String
}
