import ElectionCore
import ElectionTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The elections pages and API over the scenario's database: the current election and the bundled
/// 2018 record, listed, shown and compared, with every unpublished or uncounted figure said to be so.
@Suite struct ElectionPagesTests {
    @Test func theListOffersEveryElectionAndAComparison() async throws {
        try await PortalTestApp.run { client in
            let page = try await client.get("/en/elections").body
            #expect(page.contains("href=\"/en/elections/cambodia-2023\""))
            #expect(page.contains("href=\"/en/elections/cambodia-2018\""))
            #expect(page.contains("<option value=\"cambodia-2023\" selected>"))
            #expect(page.contains("action=\"/en/elections/comparison\""))
            let khmer = try await client.get("/km/elections").body
            #expect(khmer.contains("ការបោះឆ្នោតជ្រើសតាំងតំណាងរាស្ត្រ នីតិកាលទី៦ ឆ្នាំ២០១៨"))
            let chosen = try await client.get("/km/elections/comparison?first=cambodia-2018&second=cambodia-2023")
            #expect(chosen.status == .seeOther)
            #expect(chosen.headers[.location] == "/km/elections/cambodia-2018/comparison/cambodia-2023")
        }
    }

    @Test func aRecordShowsWhatWasPublishedAndSaysWhatWasNot() async throws {
        try await PortalTestApp.run { client in
            let page = try await client.get("/en/elections/cambodia-2018").body
            #expect(page.contains("<dd>6,362,241</dd>"))
            // CPP: 4,889,113 of 6,362,241 valid votes is 76.846…%.
            #expect(page.contains("<td>4,889,113</td><td>76.85%</td><td>125</td>"))
            // KNUP published only preliminary figures: unknown here, but no seat (CPP took all 125).
            #expect(page.contains("<th scope=\"row\">Khmer National United Party</th><td>not published</td><td>not published</td><td>0</td>"))
            #expect(page.contains("<th scope=\"row\">Phnom Penh</th><td>12</td><td>CPP 12</td><td>not published</td>"))
            let khmer = try await client.get("/km/elections/cambodia-2018").body
            #expect(khmer.contains("៦,៣៦២,២៤១"))
            #expect(khmer.contains("មិនបានផ្សព្វផ្សាយ"))
            // The current election's page is its results.
            let current = try await client.get("/en/elections/cambodia-2023")
            #expect(current.status == .seeOther && current.headers[.location] == "/en/results")
        }
    }

    @Test func aComparisonWithACountNotBegunShowsNothingAsCounted() async throws {
        try await PortalTestApp.run { client in
            let page = try await client.get("/en/elections/cambodia-2023/comparison/cambodia-2018").body
            #expect(page.contains("id=\"partial\""))
            #expect(page.contains("Count under way: 0 of"))
            #expect(page.contains("<th scope=\"row\">Ballots cast</th><td>6,956,900</td><td>not counted yet</td>"))
            #expect(page.contains("<th scope=\"row\">Turnout</th><td>83.02%</td><td>not counted yet</td>"))
            // Parties of 2018 that did not stand in 2023, and the reverse.
            #expect(page.contains("<th scope=\"row\">League for Democracy Party (LDP)</th><td>309,364</td><td>4.86%</td><td>0</td><td>did not stand</td>"))
            #expect(page.contains("<th scope=\"row\">Phnom Penh</th><td>CPP 12</td><td>not counted yet</td>"))
            #expect(page.contains("id=\"no-votes-by-constituency\""))
        }
    }

    @Test func theAPIGivesExactSharesAndLeavesUnpublishedFiguresOut() async throws {
        try await PortalTestApp.run { client in
            let list = try JSONSerialization.jsonObject(with: Data(try await client.get("/api/v1/elections").body.utf8)) as? [[String: Any]]
            #expect(list?.map { $0["id"] as? String } == ["cambodia-2023", "cambodia-2018"])
            #expect(list?.first?["current"] as? Bool == true)
            #expect(list?.last?["status"] as? String == "official")

            let record = try JSONDecoder().decode(ElectionRecord.self, from: Data(try await client.get("/api/v1/elections/cambodia-2018").body.utf8))
            #expect(record.national.totals.ballotsCast == 6_956_900)
            #expect(record.byConstituency["12"]?.figures(of: PartyNumber(rawValue: 1)!)?.seats == 12)

            let body = try await client.get("/api/v1/elections/cambodia-2018/comparison/cambodia-2023").body
            #expect(body.contains(#""share":"4889113/6362241","sharePercent":"76.85""#))
            #expect(try await client.get("/api/v1/elections/cambodia-1998").status == .notFound)
            #expect(try await client.get("/api/v1/elections/cambodia%201998").status == .badRequest)
            #expect(try await client.get("/en/elections/cambodia-2018/comparison/nowhere").status == .notFound)
        }
    }
}
