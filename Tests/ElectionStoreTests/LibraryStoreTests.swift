import ElectionCore
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// The library in the store: the scenario's documents, versions numbered by the store, a text that
/// changes nothing refused, and only the NEC publishing, on SQLite and PostgreSQL.
@Suite struct LibraryStoreTests {
    static func version(_ text: String, dated: String = "2023-07-01", note: String = "") -> DocumentVersion {
        DocumentVersion(
            number: 0, titleEnglish: "Test notice", titleKhmer: "សេចក្តីជូនដំណឹងសាកល្បង", textEnglish: text, textKhmer: "អត្ថបទ",
            dated: CalendarDate(iso: dated)!, note: note, publishedAt: Date(timeIntervalSince1970: 1_690_000_000))
    }

    @Test(arguments: StoreEngine.available)
    func documentsKeepEveryVersionAndOnlyTheNECPublishes(_ engine: StoreEngine) async throws {
        let store = try await engine.store()
        let manual = try await store.document("polling-station-manual")
        #expect(manual.versions.map(\.number) == [1, 2], "the scenario's manual has its history")
        #expect(manual.current.note == "Voters in line at closing.")
        #expect(try await store.documents(kind: .law).map(\.id) == ["law-on-the-election-of-members-of-the-national-assembly"])

        let id = "test-notice-\(UUID().uuidString.prefix(8).lowercased())"
        let nec = try await store.addOfficial(name: "nec-\(id)", role: .necAdministrator, unitCode: .nation, passwordHash: "!")
        let pec = try await store.addOfficial(name: "pec-\(id)", role: .provincialOfficial, unitCode: "01", passwordHash: "!")
        await #expect(throws: Refusal.self) { try await store.publishDocument(id, kind: .notice, Self.version("First."), by: pec) }
        let first = try await store.publishDocument(id, kind: .notice, Self.version("First."), by: nec)
        #expect(first.current.number == 1)
        let unchanged = await #expect(throws: Refusal.self) { try await store.publishDocument(id, kind: .notice, Self.version("First."), by: nec) }
        #expect(unchanged?.reason == .noChange)
        let otherKind = await #expect(throws: Refusal.self) { try await store.publishDocument(id, kind: .law, Self.version("Second."), by: nec) }
        #expect(otherKind?.reason == .wrongState)
        let second = try await store.publishDocument(id, kind: .notice, Self.version("Second.", note: "Corrected."), by: nec)
        #expect(second.versions.map(\.textEnglish) == ["First.", "Second."])
        let read = try await store.document(id)
        #expect(read == second, "stored as published, every version")
        await #expect(throws: StoreError.self) { try await store.document("no-such-document") }
        try await store.close()
    }
}
