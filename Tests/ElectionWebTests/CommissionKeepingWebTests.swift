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

/// A commission's members kept through the NEC's desk page: a rule broken is named in the user's
/// language and nothing changes; an appointment and a removal are recorded and the public page follows.
@Suite struct CommissionKeepingWebTests {
    @Test func theNECAppointsAndRemovesAMemberThroughItsPage() async throws {
        let fixture = try await ResultsWebTests.fixture()
        let station = try #require(try await fixture.store.pollingStations(inProvince: "25").first).id
        let id = Commission.id(level: .pollingStation, unitCode: .station(station))
        let voter = try #require(try await fixture.store.voters(after: nil, limit: 1).first)
        let before = try await fixture.store.members(ofCommission: id)
        try await ResultsWebTests.run(fixture) { client in
            let clerk = try await ResultsWebTests.signIn(client, "clerk.one")
            #expect(try await client.get("/en/desk/commissions/\(id)", headers: [.cookie: clerk.cookie]).status == .forbidden)
            let nec = try await ResultsWebTests.signIn(client, "nec.admin")
            let page = try await client.get("/en/desk/commissions/\(id)", headers: [.cookie: nec.cookie])
            #expect(page.status == .ok && page.body.contains("5 to 9 members"))

            let chair = try await client.postForm("/km/desk/commissions/\(id)/members", [
                ("csrf", nec.csrf), ("voterNumber", voter.number.description), ("name", voter.name.latin), ("role", "chair"),
            ], cookie: nec.cookie)
            #expect(chair.status == .unprocessableContent)
            #expect(chair.body.contains("គណៈកម្មការមានប្រធានរួចហើយ។"))
            #expect(try await fixture.store.members(ofCommission: id) == before)

            let appointed = try await client.postForm("/en/desk/commissions/\(id)/members", [
                ("csrf", nec.csrf), ("voterNumber", voter.number.description), ("name", voter.name.latin), ("role", "member"), ("reason", "vacancy"),
            ], cookie: nec.cookie)
            #expect(appointed.status == .seeOther)
            #expect(try await client.get("/en/commissions/\(id)").body.contains(voter.name.latin), "the public page follows")
            #expect(!(try await client.get("/en/commissions/\(id)").body.contains(voter.number.description)), "voter numbers are not public")

            let removed = try await client.postForm("/en/desk/commissions/\(id)/removal", [
                ("csrf", nec.csrf), ("seat", String(before.count + 1)), ("reason", "moved away"),
            ], cookie: nec.cookie)
            #expect(removed.status == .seeOther)
            let after = try await client.get("/en/desk/commissions/\(id)?done=removed", headers: [.cookie: nec.cookie])
            #expect(after.body.contains("The member was removed.") && after.body.contains("moved away") && after.body.contains("vacancy"))
        }
    }
}
