import ElectionCore
import ElectionStore
@testable import ElectionWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Training over HTTP: a provincial commission sees its coverage, schedules a session in its
/// province (a session that ends before it starts refused on its field, in Khmer), and marks a
/// station commission's members present; a commune commission's members are not trained there.
@Suite struct TrainingWebTests {
    @Test func aProvinceSchedulesASessionAndMarksMembersPresent() async throws {
        try await ComplaintWebTests.run { client, fixture in
            let pec = try await ComplaintWebTests.signIn(client, "pec.one")
            let desk = try await client.get("/km/desk/training", headers: [.cookie: pec.cookie])
            #expect(desk.status == .ok && desk.body.contains("training-by-tier") && desk.body.contains("ក្នុងចំណោម"))
            let session: [(String, String)] = [("csrf", pec.csrf), ("tier", "polling-station"), ("province", fixture.station.province.rawValue),
                                               ("title", "Counting"), ("day", "2023-07-10"), ("starts", "08:00"), ("ends", "12:00"),
                                               ("place", "Commune hall"), ("trainers", "Chan Dara\nSok Mealea")]
            let backwards = try await client.postForm("/km/desk/training", session.map { $0.0 == "ends" ? ("ends", "07:30") : $0 }, cookie: pec.cookie)
            #expect(backwards.status == .conflict && backwards.body.contains("aria-invalid") && backwards.body.contains("\"ends\""))
            let noTime = try await client.postForm("/km/desk/training", session.map { $0.0 == "starts" ? ("starts", "8 o'clock") : $0 }, cookie: pec.cookie)
            #expect(noTime.status == .badRequest && noTime.body.contains("ចាប់ផ្តើម"))
            let scheduled = try await client.postForm("/km/desk/training", session, cookie: pec.cookie)
            let page = try #require(scheduled.headers[.location])
            let members = try await client.get(page + "?commission=PSC-\(fixture.station.rawValue)", headers: [.cookie: pec.cookie])
            #expect(members.body.contains("name=\"seat-1\""))
            let id = try #require(page.firstMatch(of: /training\/([0-9]+)/)).1
            let recorded = try await client.postForm("/km/desk/training/\(id)/attendance", [
                ("csrf", pec.csrf), ("commission", "PSC-\(fixture.station.rawValue)"), ("seat-1", "on"), ("seat-2", "on")], cookie: pec.cookie)
            let back = try #require(recorded.headers[.location])
            #expect(back.contains("recorded=2"))
            let after = try await client.get(back, headers: [.cookie: pec.cookie])
            #expect(after.body.contains("attendance-recorded") && after.body.contains("checked"))
            let wrongTier = try await client.postForm("/km/desk/training/\(id)/attendance", [
                ("csrf", pec.csrf), ("commission", "CEC-\(fixture.station.commune.rawValue)"), ("seat-1", "on")], cookie: pec.cookie)
            #expect(wrongTier.status == .unprocessableContent)
            let cec = try await ComplaintWebTests.signIn(client, "cec.one")
            #expect(try await client.get("/km/desk/training", headers: [.cookie: cec.cookie]).status == .forbidden)
        }
    }
}
