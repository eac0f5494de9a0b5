import ElectionCore
import ElectionOperations
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The quick count through the web: an observer's count from the phone, who may read estimates
/// before the mission publishes, and the check of the official results after a replay of the count.
@Suite struct QuickCountWebTests {
    /// A count from the phone form is refused by field in Khmer with what was typed kept, stored
    /// once however often it is sent, and the estimates page counts one more station.
    @Test func anObserverSendsAStationsCountFromThePhone() async throws {
        let fixture = try await ObservationWebTests.fixture()
        try await ObservationWebTests.run(fixture) { client in
            let store = fixture.store
            let sample = try #require(try await store.quickCountSample(ofMission: DemoMission.id))
            let reported = Set(try await store.observedCounts(ofMission: DemoMission.id).map(\.stationCode))
            let station = try #require(sample.sampled.first { !reported.contains($0.code) }).code
            let standingBefore = QuickCountEstimates.make(
                sample: sample, counts: try await store.observedCounts(ofMission: DemoMission.id),
                election: .init(parties: [], seats: [:], method: .dHondt), registered: [:]
            ).strata.reduce(0) { $0 + $1.reported + $1.substitutes }
            let page = try await client.get("/en/missions/\(DemoMission.id)/quick-count")
            #expect(page.status == .ok)
            #expect(page.body.contains("\(standingBefore) of \(sample.sampled.count) sampled stations reported"))

            let signedIn = try await client.postForm("/km/observe", [("code", fixture.token)])
            let cookie = String(try #require(signedIn.headers[.setCookie]).split(separator: ";")[0])
            let form = try await client.get("/km/observe/count", headers: [.cookie: cookie])
            #expect(form.status == .ok)
            let csrf = String(try #require(form.body.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)
            let id = String(try #require(form.body.firstMatch(of: /name="id" value="([0-9A-F-]{36})"/)).1)
            let parties = try await store.parties().map(\.id).sorted()
            var fields = [("csrf", csrf), ("id", id), ("station", station.rawValue), ("observedAt", "15:35")]
            for name in ResultCounts.fieldNames { fields.append((name, "300")) }
            for party in parties { fields.append(("votes.\(party)", party == parties[0] ? "250" : "0")) }

            let outside = try #require(try await store.pollingStations(inProvince: "01").map(\.id).first { sample.station($0) == nil })
            let refused = try await client.postForm("/km/observe/count", fields.map { $0.0 == "station" ? ("station", outside.rawValue) : $0 }, cookie: cookie)
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("មិនមែនជាការិយាល័យនៃគំរូការរាប់រហ័ស") && refused.body.contains("value=\"250\""))
            let stored = try await client.postForm("/km/observe/count", fields, cookie: cookie)
            #expect(stored.status == .created)
            let again = try await client.postForm("/km/observe/count", fields, cookie: cookie)
            #expect(again.status == .ok)
            let changed = try await client.postForm("/km/observe/count", fields.map { $0.0 == "observedAt" ? ("observedAt", "15:50") : $0 }, cookie: cookie)
            #expect(changed.status == .conflict)
            let mine = try await store.observedCounts(ofMission: DemoMission.id).filter { $0.id == id }
            #expect(mine.count == 1 && mine.first?.observer == 2 && mine.first?.counts.votes[parties[0]] == 250)

            let after = try await client.get("/en/missions/\(DemoMission.id)/quick-count")
            #expect(after.body.contains("\(standingBefore + 1) of \(sample.sampled.count) sampled stations reported"))
        }
    }

    /// The head of another mission draws its sample on the phone (refused by field first) and
    /// publishes it; a member who is not the head sees where it stands without the head's forms.
    @Test func theHeadDrawsTheSampleAndPublishesItOnThePhone() async throws {
        let fixture = try await ObservationWebTests.fixture()
        try await ObservationWebTests.run(fixture) { client in
            func cookie(_ code: String) async throws -> String {
                let signedIn = try await client.postForm("/en/observe", [("code", code)])
                return String(try #require(signedIn.headers[.setCookie]).split(separator: ";")[0])
            }
            let head = try await cookie(fixture.outsider)
            let empty = try await client.get("/en/observe/quick-count", headers: [.cookie: head])
            #expect(empty.status == .ok && empty.body.contains("id=\"draw-form\""))
            let csrf = String(try #require(empty.body.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)
            let fields = [("csrf", csrf), ("confidence", "95"), ("strata", "province"), ("margin", "3"), ("stationSpread", "10"), ("size", ""),
                          ("substitutes", "1"), ("seed", "")]
            let refused = try await client.postForm("/en/observe/quick-count/sample", fields.map { $0.0 == "margin" ? ("margin", "0") : $0 }, cookie: head)
            #expect(refused.status == .badRequest && refused.body.contains("id=\"plan-error\"") && refused.body.contains("aria-invalid"))
            #expect(try await fixture.store.quickCountSample(ofMission: "other") == nil)
            let drawn = try await client.postForm("/en/observe/quick-count/sample", fields, cookie: head)
            #expect(drawn.status == .seeOther || drawn.status == .found)
            let sample = try #require(try await fixture.store.quickCountSample(ofMission: "other"))
            // 3 points at 95% with a spread of 10: n₀ = (1.96 · 10 / 3)² ≈ 42.7, then at least two in each of the 25 provinces.
            #expect(sample.plan?.margin == 0.03 && sample.sampled.count >= 50 && sample.substitutesPerStratum == 1 && !sample.published)
            let published = try await client.postForm("/en/observe/quick-count/publication", [("csrf", csrf), ("published", "1")], cookie: head)
            #expect(published.status == .seeOther || published.status == .found)
            #expect(try await fixture.store.quickCountSample(ofMission: "other")?.published == true)

            let member = try await cookie(fixture.token)
            let seen = try await client.get("/en/observe/quick-count", headers: [.cookie: member])
            #expect(seen.status == .ok && seen.body.contains("id=\"sample-summary\"") && !seen.body.contains("id=\"publish-form\""))
            let forbidden = try await client.postForm("/en/observe/quick-count/publication", [("csrf", csrf), ("published", "0")], cookie: member)
            #expect(forbidden.status == .forbidden)
        }
    }

    /// Before the head publishes, only the mission's members read the estimates and the sample.
    @Test func anUnpublishedQuickCountIsForTheMissionAlone() async throws {
        let fixture = try await ObservationWebTests.fixture()
        try await fixture.store.publishQuickCount(ofMission: DemoMission.id, false)
        try await ObservationWebTests.run(fixture) { client in
            let anyone = try await client.get("/en/missions/\(DemoMission.id)/quick-count")
            #expect(anyone.status == .forbidden)
            let csv = try await client.get("/api/v1/missions/\(DemoMission.id)/quick-count/sample.csv")
            #expect(csv.status == .forbidden)
            let outsider = try await client.get("/api/v1/missions/\(DemoMission.id)/quick-count", headers: [.authorization: "Bearer \(fixture.outsider)"])
            #expect(outsider.status == .forbidden)
            let member = try await client.get("/api/v1/missions/\(DemoMission.id)/quick-count", headers: [.authorization: "Bearer \(fixture.token)"])
            #expect(member.status == .ok)
            let signedIn = try await client.postForm("/en/observe", [("code", fixture.token)])
            let cookie = String(try #require(signedIn.headers[.setCookie]).split(separator: ";")[0])
            let page = try await client.get("/en/missions/\(DemoMission.id)/quick-count", headers: [.cookie: cookie])
            #expect(page.status == .ok && page.body.contains("id=\"not-published\""))
        }
    }

    /// After the count is replayed as the official results (the same generated forms the
    /// scenario's observers copied), the check finds exactly the observers' slips of the pen,
    /// with both figures, and compares every reporting station of the sample.
    @Test func theCheckFindsTheObserversSlipsAndNothingElse() async throws {
        let store = try await TestDatabases.writableSQLite()
        do {
            _ = try await ResultsReplay(store: store, seed: TestDatabases.scenario.seed, batchSize: 5_000).run { _, _ in }
            let sample = try #require(try await store.quickCountSample(ofMission: DemoMission.id))
            let counts = try await store.observedCounts(ofMission: DemoMission.id)
            let reading = try await QuickCountReading.read(sample, store: store)
            let check = try #require(reading.check)
            #expect(check.stationsCompared == Set(counts.map(\.stationCode)).count)
            let firsts = StationCountRecord.records(counts)
            var slips = 0
            for (code, record) in firsts {
                let official = try #require(try await store.acceptedCounts(station: code))
                if record.first.counts != official { slips += 1 }
            }
            #expect(check.stationDifferences.count == slips)
            for difference in check.stationDifferences {
                #expect(difference.fields == ["votes.2"])
                #expect((difference.observed.votes[2] ?? 0) - (difference.official.votes[2] ?? 0) == 10)
            }
            #expect(check.nation != nil && check.nation?.comparisons.isEmpty == false)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}
