import ElectionCore
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The campaign's airtime published by the NEC: the public page and files say the same schedule
/// anyone draws again from the seed; a change needs its reason and shows it.
@Suite struct AirtimeWebTests {
    @Test func thePublishedAirtimeIsTheDrawAnyoneRepeats() async throws {
        let fixture = try await ResultsWebTests.fixture()
        let nec = try #require(try await fixture.store.officialAccount(named: "nec.admin")).official
        let clerk = try #require(try await fixture.store.officialAccount(named: "clerk.one")).official
        let parties = try await fixture.store.parties()
        let tvk = AirtimeChannel(name: "TVK", slots: [.init(start: ClockTime("19:00")!, prime: true), .init(start: ClockTime("12:00")!, prime: false)])
        let draw = AirtimeDraw(seed: 2023, minutes: 10, channels: [tvk], parties: parties.map(\.id))
        try await ResultsWebTests.run(fixture) { client in
            #expect(try await client.get("/en/campaign/airtime").body.contains("has not published"))
            await #expect(throws: Refusal.self) { try await fixture.store.publishAirtime(draw, reason: "", by: clerk, at: Date()) }
            _ = try await fixture.store.publishAirtime(draw, reason: "", by: nec, at: Date())
            var changed = draw
            changed.seed = 2024
            await #expect(throws: Refusal.self) { try await fixture.store.publishAirtime(changed, reason: " ", by: nec, at: Date()) }
            _ = try await fixture.store.publishAirtime(changed, reason: "TVK moved its evening news", by: nec, at: Date())

            // The schedule is the one drawn again from the published seed over the campaign's days.
            let window = try #require(try await fixture.store.calendar().window(.campaign))
            let days = window.days
            let expected = try changed.schedule(days: days)
            let csv = try await client.get("/api/v1/campaign/airtime.csv").body
            #expect(csv == expected.csv(names: Dictionary(uniqueKeysWithValues: parties.map { ($0.id, $0.nameEnglish) })))
            let page = try await client.get("/km/campaign/airtime").body
            #expect(page.contains("TVK moved its evening news") && page.contains("2024"))
            let first = try #require(parties.first)
            let mine = try await client.get("/api/v1/campaign/airtime.ics?party=\(first.id.rawValue)")
            #expect(mine.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(mine.body.components(separatedBy: "BEGIN:VEVENT").count - 1 == expected.broadcasts(of: first.id).count)
            #expect(try await client.get("/api/v1/campaign/airtime.ics?party=999").status == .badRequest)
        }
    }
}
