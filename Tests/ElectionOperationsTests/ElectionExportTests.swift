import ElectionCore
import ElectionOperations
import ElectionStore
import ElectionTestSupport
import Foundation
import Testing

/// `sala election list` and `export` on the test database: the definition read from the store
/// is the scenario's, whole.
@Suite struct ElectionExportTests {
    @Test func theExportHoldsEveryUnitPartyAndBallotOfTheScenario() async throws {
        let store = try await TestDatabases.sqlite()
        let listed = try await ElectionExport.list(store)
        let data = try await ElectionExport.nist(store, id: "cambodia-2023", generatedAt: Date(timeIntervalSince1970: 0))
        let refused = await #expect(throws: OperationRefusal.self) {
            _ = try await ElectionExport.nist(store, id: "cambodia-2018", generatedAt: Date())
        }
        try await store.close()

        let reference = TestDatabases.scenario.reference
        #expect(listed.map(\.id) == [reference.election.id, "cambodia-2018"])
        #expect(listed.map(\.current) == [true, false])
        #expect(refused?.description.hasPrefix("No election 'cambodia-2018' is administered in this database; it holds 'cambodia-2023'.") == true)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let units = try #require(document["GpUnit"] as? [[String: Any]])
        #expect(units.count == 1 + reference.constituencies.count + reference.communes.count + reference.pollingStations.count)
        #expect(units.filter { $0["Type"] as? String == "polling-place" }.count == reference.pollingStations.count)
        let national = try #require(units.first { $0["@id"] as? String == "gpu-national" })
        #expect(national["VotersRegistered"] as? Int == TestDatabases.testVoters)
        #expect((document["Party"] as? [Any])?.count == reference.parties.count)
        let contests = try #require((document["Election"] as? [[String: Any]])?.first?["Contest"] as? [[String: Any]])
        let selections = contests.reduce(0) { $0 + (($1["ContestSelection"] as? [Any])?.count ?? 0) }
        let lists = Set(reference.candidates.map { "\($0.constituencyCode) \($0.partyID)" })
        #expect(selections == lists.count, "one selection per party list in a constituency")
    }
}
