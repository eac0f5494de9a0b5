import ElectionCore
import ElectionTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct PortalPageTests {
    let reference = TestDatabases.scenario.reference

    @Test(arguments: ["en", "km"])
    func everyPageAnswersInItsLanguageWithASwitch(lang: String) async throws {
        let station = reference.pollingStations[42]
        let other = lang == "en" ? "km" : "en"
        let paths = [
            "/", "/registration", "/stations", "/provinces/12", "/communes/\(station.communeCode)",
            "/stations/\(station.id)", "/commissions", "/commissions/NEC", "/commissions/PEC-01", "/parties",
            "/parties/1", "/parties/2/08", "/map", "/stations/search?q=pagoda", "/stations/nearest?lat=11.5&lon=104.9",
        ]
        try await PortalTestApp.run { client in
            for path in paths {
                let reply = try await client.get("/\(lang)\(path)")
                #expect(reply.status == .ok, "\(path)")
                #expect(reply.body.contains("<html lang=\"\(lang)\">"), "\(path)")
                #expect(reply.body.contains("id=\"language-switch\" href=\"/\(other)\(path.replacingOccurrences(of: "&", with: "&amp;"))\""), "\(path)")
                if lang == "km" {
                    // The interface itself is in Khmer, not only the names from the data.
                    #expect(reply.body.contains(KhmerInterface.sample), "\(path)")
                }
            }
        }
    }

    @Test func homeShowsTheElectionAtAGlance() async throws {
        let registered = reference.pollingStations.reduce(0) { $0 + $1.registeredVoters }
        try await PortalTestApp.run { client in
            let page = try await client.get("/en/").body
            #expect(page.contains("23 July 2023"))
            #expect(page.contains("07:00–15:00"))
            #expect(page.contains(grouped(registered)))
            #expect(page.contains(grouped(reference.pollingStations.count)))
            let khmer = try await client.get("/km/").body
            #expect(khmer.contains("២៣ កក្កដា ២០២៣"))
        }
    }

    @Test func stationPageShowsWhatAVoterNeeds() async throws {
        let station = reference.pollingStations[7]
        let members = reference.commissionMembers.filter { $0.commissionID == "PSC-\(station.id)" }
        try await PortalTestApp.run { client in
            let page = try await client.get("/en/stations/\(station.id)").body
            #expect(page.contains(escaped(station.nameEnglish)))
            #expect(page.contains(escaped(station.addressEnglish)))
            #expect(page.contains(String(format: "%.6f", station.position.latitude)))
            #expect(page.contains("class=\"registered-voters\">\(grouped(station.registeredVoters))<"))
            #expect(page.components(separatedBy: "class=\"commission-member\"").count - 1 == members.count)
            for member in members { #expect(page.contains(escaped(member.name.latin))) }
            #expect(page.contains("<svg"))
        }
    }

    /// The province's page stays light: its stations are drawn in a map of its own, each a link.
    @Test func provinceMapIsAFileWithEveryStationALink() async throws {
        let stations = reference.pollingStations.filter { $0.provinceCode == "12" }
        try await PortalTestApp.run { client in
            let page = try await client.get("/km/provinces/12")
            #expect(page.body.contains("id=\"province-map-link\" href=\"/km/provinces/12/map.svg\""))
            #expect(!page.body.contains("<circle"))
            let map = try await client.get("/km/provinces/12/map.svg")
            #expect(map.status == .ok)
            #expect(map.headers[.contentType] == "image/svg+xml")
            #expect(map.headers[.cacheControl]?.contains("max-age") == true)
            #expect(map.body.components(separatedBy: "<circle").count - 1 == stations.count)
            #expect(map.body.contains("href=\"/km/stations/\(stations[0].id)\" target=\"_top\""))
            #expect(try await client.get("/km/provinces/99/map.svg").status == .notFound)
        }
    }

    @Test func candidateListsShowAgeNotBirthDate() async throws {
        let list = reference.candidates.filter { $0.partyID == 1 && $0.constituencyCode == "12" }
        try await PortalTestApp.run { client in
            let page = try await client.get("/en/parties/1/12").body
            #expect(page.components(separatedBy: "<tr class=\"candidate").count - 1 == list.count)
            for candidate in list {
                #expect(page.contains(escaped(candidate.name.latin)))
                #expect(!page.contains(candidate.dateOfBirth.iso))
            }
        }
    }

    @Test func womenCandidatesAddUp() async throws {
        let women = reference.candidates.filter { $0.sex == .female }.count
        try await PortalTestApp.run { client in
            let page = try await client.get("/en/parties").body
            #expect(page.contains("<td>\(grouped(reference.candidates.count))</td><td>\(grouped(women))</td>"))
        }
    }

    @Test func badInputIsA400NamingTheFieldAndUnknownCodesA404() async throws {
        try await PortalTestApp.run { client in
            let badLatitude = try await client.get("/en/stations/nearest?lat=95&lon=104")
            #expect(badLatitude.status == .badRequest)
            #expect(badLatitude.body.contains("Latitude must be a number between -90 and 90."))
            let khmer = try await client.get("/km/stations/nearest?lat=abc&lon=104")
            #expect(khmer.status == .badRequest)
            #expect(khmer.body.contains("រយៈទទឹង"))
            let unknown = try await client.get("/en/stations/999999999")
            #expect(unknown.status == .notFound)
            #expect(unknown.body.contains("There is no polling station with the code 999999999."))
            #expect(try await client.get("/en/stations/12").status == .badRequest)
            #expect(try await client.get("/fr/stations").status == .notFound)
            #expect(try await client.get("/en/no-such-page").status == .notFound)
        }
    }

    @Test func mapClickFindsStationsNearTheClickedPlace() async throws {
        try await PortalTestApp.run { client in
            let page = try await client.get("/en/stations/nearest?map.x=200&map.y=220")
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"station-results\""))
            #expect(page.body.contains("km away"))
            #expect(try await client.get("/en/stations/nearest?map.x=-5&map.y=220").status == .badRequest)
            let image = try await client.get("/assets/map/finder.svg")
            #expect(image.headers[.contentType] == "image/svg+xml")
            #expect(image.body.hasPrefix("<?xml") || image.body.hasPrefix("<svg"))
        }
    }

    @Test func nothingAClientSendsProducesA500() async throws {
        let paths = [
            "/en/stations/%00", "/en/stations/search?q=%FF", "/en/stations/search", "/en/communes/abc", "/en/parties/0",
            "/en/parties/abc/12", "/en/parties/1/99", "/en/commissions/" + String(repeating: "X", count: 300),
            "/api/v1/stations?limit=0&name=a", "/api/v1/stations/nearest?lat=1e400&lon=1", "/api/v1/commissions?level=x",
            "/api/v1/provinces/1", "/api/v1/../../etc/passwd", "/en/stations/search?q=" + String(repeating: "a", count: 500),
        ]
        try await PortalTestApp.run { client in
            for path in paths {
                let status = try await client.get(path).status
                #expect(status.code < 500, "\(path) gave \(status)")
            }
        }
    }
}

/// Thousands grouped as Foundation writes them in US English: an oracle independent of Sala's own.
func grouped(_ n: Int) -> String {
    n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
}

/// How Mustache escapes text in HTML.
func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "'", with: "&#39;")
}

enum KhmerInterface {
    /// The Khmer name of the registration check, in the menu of every Khmer page.
    static let sample = "ពិនិត្យឈ្មោះបោះឆ្នោត"
}

/// The station finder says how many match, pages through them, and forgives spelling.
@Suite struct StationSearchPageTests {
    let reference = TestDatabases.scenario.reference

    @Test func manyMatchesAreCountedAndPaged() async throws {
        // Exact matches first, by code; then those only similar in sound (the rule is tested on its own).
        let pagodas = reference.pollingStations.filter { $0.nameEnglish.lowercased().contains("pagoda") }.sorted { $0.id < $1.id }
        let search = StationNameSearch("pagoda")
        let matching = { (stations: [PollingStation]) in
            stations.filter { search.match(.init(english: $0.nameEnglish, khmer: $0.nameKhmer)) != nil }.count
        }
        let total = matching(reference.pollingStations)
        let totalInKandal = matching(reference.pollingStations.filter { $0.provinceCode == "08" })
        #expect(total > pagodas.count)
        try await PortalTestApp.run { client in
            let first = try await client.get("/en/stations/search?q=pagoda").body
            #expect(first.contains("\(Numerals.grouped(total)) polling stations match; 1–50 shown."))
            #expect(first.contains("/en/stations/\(pagodas[0].id)\""))
            #expect(!first.contains("similar spelling"))
            #expect(first.components(separatedBy: "<li><a href=\"/en/stations/").count - 1 == 50)
            #expect(first.contains("id=\"next-page\" rel=\"next\" href=\"/en/stations/search?q=pagoda&amp;page=2\""))
            #expect(!first.contains("id=\"previous-page\""))
            let second = try await client.get("/en/stations/search?q=pagoda&page=2").body
            #expect(second.contains("/en/stations/\(pagodas[50].id)\""))
            #expect(second.contains("51–100 shown"))
            // One province only, and the province named beside each station.
            let inKandal = pagodas.filter { $0.provinceCode == "08" }
            let kandal = try await client.get("/en/stations/search?q=pagoda&province=08").body
            #expect(kandal.contains("\(Numerals.grouped(totalInKandal)) polling stations match"))
            #expect(kandal.contains("\(inKandal[0].id) · ") && kandal.contains(", Kandal"))
            #expect(try await client.get("/en/stations/search?q=pagoda&province=99x").status == .badRequest)
            #expect(try await client.get("/en/stations/search?q=pagoda&page=0").status == .badRequest)
        }
    }

    @Test func aCommonSpellingFindsTheStation() async throws {
        let station = try #require(reference.pollingStations.first { $0.nameEnglish.hasPrefix("Boeng Trabaek") })
        try await PortalTestApp.run { client in
            let page = try await client.get("/en/stations/search?q=Boeung+Trabek").body
            #expect(page.contains("/en/stations/\(station.id)\""))
            #expect(page.contains("similar spelling"))
            let api = try await client.get("/api/v1/stations?name=Boeung%20Trabek&limit=5")
            #expect(api.status == .ok)
            #expect(api.body.contains("\"code\":\"\(station.id)\"") || api.body.contains(station.id.rawValue))
            #expect(Int(api.headers[HTTPField.Name("X-Total-Count")!] ?? "") ?? 0 >= 1)
        }
    }
}
