import ElectionCore
import ElectionScenario
import ElectionStore
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
        let stations = try await fixture.store.pollingStations(inProvince: "23")
        let counts = CountGenerator(official: try OfficialResults.cambodia2023(), seed: 9)
            .counts(for: stations.map { .init(code: $0.id, registeredVoters: $0.registeredVoters) })
        let nec = try #require(try await fixture.store.officialAccount(named: "nec.admin")).official
        for name in ["model.a", "model.b"] {
            let official = try await fixture.store.addOfficial(name: name, role: .provincialOfficial, unitCode: "23", passwordHash: "!")
            _ = try await fixture.store.apply(
                zip(stations, counts).map { FormRequest(stationCode: $0.0.id, expectedVersion: 1, action: .enter($0.1), official: official) }, at: Date())
        }
        let waiting = try await fixture.store.formStatuses(within: .province("23")).filter { $0.value == .awaitingAcknowledgement }.keys
        _ = try await fixture.store.apply(waiting.map { FormRequest(stationCode: $0, expectedVersion: 1, action: .acknowledge, official: nec) }, at: Date())
        let station = stations[0]
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
