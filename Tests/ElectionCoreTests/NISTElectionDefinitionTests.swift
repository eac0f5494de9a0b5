import ElectionCore
import Foundation
import Testing

/// The pre-election NIST export of an election's definition: every unit down to the polling
/// stations, made of the units below it, with the voters of its stations; the ballots as
/// contests; valid against the official schema.
@Suite struct NISTElectionDefinitionTests {
    static let communes = [
        Commune(id: "010201", districtCode: "0102", districtName: "Mongkol Borei", nameEnglish: "Banteay Neang",
                nameKhmer: "បន្ទាយនាង", kind: "Commune", approximatePosition: nil),
        Commune(id: "120101", districtCode: "1201", districtName: "Chamkar Mon", nameEnglish: "Tonle Basak",
                nameKhmer: "ទន្លេបាសាក់", kind: "Sangkat", approximatePosition: nil),
    ]
    static func station(_ code: StationCode, _ voters: Int) -> PollingStation {
        PollingStation(
            id: code, nameEnglish: "School \(code)", nameKhmer: "សាលា \(code)", addressEnglish: "Road \(code)",
            addressKhmer: "ផ្លូវ \(code)", position: GeoPoint(latitude: 11.55, longitude: 104.92), registeredVoters: voters)
    }
    static let stations = [station("010201001", 610), station("010201002", 0), station("120101001", 845)]

    /// The election with these stations and, in each constituency, one candidate of each party on its ballot.
    static func definition(stations: [PollingStation] = stations, ballots: [ProvinceCode: [PartyNumber]] = ["01": [1, 2], "12": [1, 2, 4]]) -> ElectionReferenceData {
        let report = NISTExportTests.report()
        let candidates = ballots.flatMap { constituency, parties in
            parties.map {
                Candidate(partyID: $0, constituencyCode: constituency, listPosition: 1, name: PersonName(khmer: "សុខ", latin: "Sok"),
                          sex: .female, dateOfBirth: CalendarDate(year: 1970, month: 1, day: 2)!)
            }
        }
        return ElectionReferenceData(
            election: report.election, constituencies: [NISTExportTests.banteayMeanchey, NISTExportTests.phnomPenh], outlines: [:],
            communes: communes, pollingStations: stations, commissions: [], commissionMembers: [], parties: NISTExportTests.parties,
            candidates: candidates, calendar: [], commissionSizes: [:], provenance: [:])
    }

    static func export(_ d: ElectionReferenceData) throws -> Data {
        try NISTResultsExport.json(d, generatedAt: NISTExportTests.generatedAt)
    }

    static func units(_ document: [String: Any]) throws -> [String: [String: Any]] {
        let list = try #require(document["GpUnit"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["@id"] as? String ?? "", $0) })
    }

    @Test func unitsNestDownToTheStationsWithTheirVoters() throws {
        let document = try NISTExportTests.object(try Self.export(Self.definition()))
        #expect(document["Status"] as? String == "pre-election")
        let units = try Self.units(document)
        #expect(units.count == 1 + 2 + 2 + 3)
        #expect(units["gpu-national"]?["ComposingGpUnitIds"] as? [String] == ["gpu-01", "gpu-12"])
        #expect(units["gpu-01"]?["ComposingGpUnitIds"] as? [String] == ["gpu-010201"])
        #expect(units["gpu-010201"]?["ComposingGpUnitIds"] as? [String] == ["gpu-010201001", "gpu-010201002"])
        #expect(units["gpu-010201"]?["OtherType"] as? String == "commune")
        #expect(units["gpu-120101"]?["OtherType"] as? String == "sangkat")
        // Voters: each unit is the sum of its stations (610 + 0 in Banteay Neang, 845 in Tonle Basak).
        #expect(units["gpu-010201"]?["VotersRegistered"] as? Int == 610)
        #expect(units["gpu-12"]?["VotersRegistered"] as? Int == 845)
        #expect(units["gpu-national"]?["VotersRegistered"] as? Int == 1_455)
        let station = try #require(units["gpu-120101001"])
        #expect(station["Type"] as? String == "polling-place")
        let contact = try #require(station["ContactInformation"] as? [String: Any])
        #expect(contact["AddressLine"] as? [String] == ["Road 120101001", "ផ្លូវ 120101001"])
        #expect((contact["LatLng"] as? [String: Any])?["Latitude"] as? Double == 11.55)
        // No counts anywhere before the vote.
        #expect(station["CountStatus"] == nil && station["VotersParticipated"] == nil)

        let election = try #require((document["Election"] as? [[String: Any]])?.first)
        #expect(election["BallotCounts"] == nil)
        let contests = try #require(election["Contest"] as? [[String: Any]])
        #expect(contests.map { $0["ElectionDistrictId"] as? String } == ["gpu-01", "gpu-12"])
        let phnomPenh = try #require(contests.last?["ContestSelection"] as? [[String: Any]])
        #expect(phnomPenh.map { $0["PartyIds"] as? [String] } == [["party-1"], ["party-2"], ["party-4"]])
        #expect(phnomPenh.allSatisfy { $0["VoteCounts"] == nil })
    }

    @Test func sameDefinitionSameBytes() throws {
        #expect(try Self.export(Self.definition()) == Self.export(Self.definition(stations: Self.stations.reversed())))
    }

    @Test func aStationOutsideTheElectionOrAPartyNotInItIsRefused() {
        #expect(throws: NISTResultsExport.ExportError.unitOutsideTheElection("230101001")) {
            try Self.export(Self.definition(stations: Self.stations + [Self.station("230101001", 5)]))
        }
        #expect(throws: NISTResultsExport.ExportError.unknownParty(ballotNumber: 7, constituency: "01")) {
            try Self.export(Self.definition(ballots: ["01": [1, 7]]))
        }
    }

    @Test(.enabled(
        if: NISTExportTests.jsonschemaAvailable || ProcessInfo.processInfo.environment["SALA_REQUIRE_JSONSCHEMA"] == "1",
        "python3 with jsonschema not installed: pip install jsonschema"))
    func validAgainstTheOfficialSchema() throws {
        try #require(NISTExportTests.jsonschemaAvailable, "SALA_REQUIRE_JSONSCHEMA=1 but python3 cannot import jsonschema")
        let schema = try #require(
            Bundle.module.url(forResource: "NIST_V2_election_results_reporting", withExtension: "json", subdirectory: "Fixtures"))
        let document = try Self.export(Self.definition())
        let errors = try NISTExportTests.schemaErrors(document, schema: schema)
        #expect(errors.isEmpty, "\(errors)")
        // The validation bites: a unit type the schema does not know is refused.
        var broken = try NISTExportTests.object(document)
        var units = try #require(broken["GpUnit"] as? [[String: Any]])
        units[units.count - 1]["Type"] = "polling-booth"
        broken["GpUnit"] = units
        #expect(try !NISTExportTests.schemaErrors(try JSONSerialization.data(withJSONObject: broken), schema: schema).isEmpty)
    }
}
