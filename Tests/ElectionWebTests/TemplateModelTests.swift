import ElectionCore
import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import Testing

/// Pages are rendered from their models turned into dictionaries (``TemplateModel``), not from the
/// structs swift-mustache would reflect: every page must come out exactly as it did from the structs.
@Suite struct TemplateModelTests {
    @Test func pagesRenderFromDictionariesAsFromTheirModels() async throws {
        TemplateModel.checking.store(true, ordering: .relaxed)
        // A province whose count is complete, so the pages show seats, elected members and maps too.
        let fixture = try await ResultsWebTests.fixture()
        try await OpenAPIResponseTests.completeKep(fixture.store)
        let station = try #require(try await fixture.store.pollingStations(inProvince: "23").first)
        let paths = [
            "/", "/registration", "/stations", "/provinces/23", "/communes/\(station.id.commune)", "/stations/\(station.id)",
            "/commissions", "/commissions/NEC", "/parties", "/parties/1", "/map", "/stations/search?q=pagoda",
            "/results", "/results/provinces/23", "/results/provinces/12", "/results/communes/\(station.id.commune)",
            "/results/stations/\(station.id)", "/complaints", "/library", "/missions", "/observe", "/signin",
        ]
        try await ResultsWebTests.run(fixture) { client in
            for lang in ["en", "km"] {
                for path in paths {
                    let reply = try await client.get("/\(lang)\(path)")
                    #expect(reply.status == .ok, "\(lang)\(path): \(reply.status)")
                }
            }
        }
        #expect(TemplateModel.differences.withLock { $0 } == [])
    }
}
