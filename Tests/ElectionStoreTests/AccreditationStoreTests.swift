import ElectionCore
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// Applications numbered in order, decided only by the NEC, revoked with a reason, counted for the
/// public; the badge key made once and kept.
@Suite struct AccreditationStoreTests {
    static let day = CalendarDate(year: 2023, month: 6, day: 20)!

    @Test(arguments: StoreEngine.available)
    func applicationsAreNumberedDecidedAndRevoked(_ engine: StoreEngine) async throws {
        let store: SQLElectionStore = engine == .sqlite ? try await TestDatabases.writableSQLite() : try await engine.store()
        let organisation = AccreditingOrganisation(
            id: "watch-\(UUID().uuidString.prefix(8).lowercased())", nameEnglish: "Election Watch", nameKhmer: "អ្នកឃ្លាំមើលការបោះឆ្នោត",
            kind: .national, contact: "+855 12 345 678")
        try await store.addOrganisation(organisation)
        await #expect(throws: StoreError.duplicate("organisation", organisation.id)) { try await store.addOrganisation(organisation) }
        let existing = try await store.codesOfConduct().filter { $0.category == .nationalObserver }.map(\.version).max() ?? 0
        let code = CodeOfConduct(
            category: .nationalObserver, version: existing + 1, titleEnglish: "Code of conduct", titleKhmer: "ក្រមសីលធម៌",
            textEnglish: "Observers are impartial.", textKhmer: "អ្នកសង្កេតការណ៍ត្រូវអព្យាក្រឹត។", publishedOn: Self.day)
        try await store.publishCodeOfConduct(code)
        await #expect(throws: Refusal.self) { try await store.publishCodeOfConduct(code) }

        func person(_ latin: String) -> AccreditationApplication {
            AccreditationApplication(
                id: 0, organisationID: organisation.id, category: .nationalObserver, name: PersonName(khmer: "សុខ", latin: latin),
                sex: .female, nationality: "KHM", codeOfConductVersion: code.version)
        }
        let numbered = try await store.submitApplications([person("One"), person("Two"), person("Three")])
        #expect(numbered.map(\.id) == [numbered[0].id, numbered[0].id + 1, numbered[0].id + 2])
        let more = try await store.submitApplications([person("Four")])
        // Later, not necessarily next: on the shared PostgreSQL database other tests number applications too.
        #expect(more[0].id > numbered[2].id)
        var stray = person("Five")
        stray.organisationID = "nobody"
        await #expect(throws: StoreError.notFound("organisation", "nobody")) { try await store.submitApplications([stray]) }

        let nec = Official(id: 1, name: "NEC", role: .necAdministrator, unitCode: .nation)
        let provincial = Official(id: 2, name: "Phnom Penh", role: .provincialOfficial, unitCode: .province("12"))
        let until = CalendarDate(year: 2023, month: 7, day: 31)!
        await #expect(throws: Refusal.self) {
            try await store.decideApplications([numbered[0].id], .accept(validFrom: Self.day, validUntil: until), by: provincial, at: Date())
        }
        let ids = numbered.map(\.id)
        #expect(try await store.decideApplications(Array(ids.prefix(2)), .accept(validFrom: Self.day, validUntil: until), by: nec, at: Date()) == 2)
        #expect(try await store.decideApplications([ids[2]], .refuse(reason: "no identity document"), by: nec, at: Date()) == 1)
        // Decided ones are not decided again.
        #expect(try await store.decideApplications(ids, .refuse(reason: "late"), by: nec, at: Date()) == 0)
        let accepted = try await store.accreditationApplication(ids[0])
        #expect(accepted.status == .accepted && accepted.validUntil == until)
        #expect(try await store.accreditationApplication(ids[2]).reason == "no identity document")

        let revoked = try await store.revokeAccreditation(ids[1], reason: "breach of the code", by: nec, at: Date())
        #expect(revoked.status == .revoked)
        await #expect(throws: Refusal.self) { try await store.revokeAccreditation(ids[2], reason: "x", by: nec, at: Date()) }
        #expect(try await store.revokedBadges()[AccreditationApplication.badgeNumber(ids[1])] == "breach of the code")
        let line = try await store.accreditationStatistics().organisations.first { $0.organisationID == organisation.id }
        #expect(line?.accredited == 1 && line?.category == .nationalObserver)
        #expect(try await store.accreditationApplications(organisation: organisation.id, status: .submitted, after: 0, limit: 10).map(\.id) == [more[0].id])

        let key = try await store.badgeSigningKey { Data(repeating: 7, count: 32) }
        #expect(try await store.badgeSigningKey { Data(repeating: 9, count: 32) } == key, "made once, then kept")
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func missionMembersStandWhereTheNECDecided(_ engine: StoreEngine) async throws {
        let store: SQLElectionStore = engine == .sqlite ? try await TestDatabases.writableSQLite() : try await engine.store()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        func organisation(_ name: String) -> AccreditingOrganisation {
            AccreditingOrganisation(id: "\(name)-\(suffix)", nameEnglish: name, nameKhmer: name, kind: .international, contact: "x@example.org")
        }
        let forum = organisation("forum"), other = organisation("other")
        try await store.addOrganisation(forum)
        try await store.addOrganisation(other)
        let version = try #require(try await store.codesOfConduct().filter { $0.category == .internationalObserver }.map(\.version).max())
        func person(_ latin: String, of organisation: AccreditingOrganisation) -> AccreditationApplication {
            AccreditationApplication(
                id: 0, organisationID: organisation.id, category: .internationalObserver, name: PersonName(khmer: latin, latin: latin),
                sex: .male, nationality: "JPN", codeOfConductVersion: version)
        }
        let badges = try await store.submitApplications(
            [person("Head", of: forum), person("Member", of: forum), person("Waiting", of: forum), person("Stranger", of: other)])
        let nec = Official(id: 1, name: "NEC", role: .necAdministrator, unitCode: .nation)
        _ = try await store.decideApplications(
            [badges[0].id, badges[1].id, badges[3].id], .accept(validFrom: Self.day, validUntil: Self.day), by: nec, at: Date())

        let missionID = try #require(MissionID(rawValue: "forum-\(suffix)"))
        let mission = ObserverMission(
            id: missionID, organisation: "Forum", nameEnglish: "Forum mission", nameKhmer: "បេសកកម្ម", kind: "international",
            invitationDate: nil, invitedBy: [], workingGroup: [], accreditingOrganisationID: forum.id)
        func member(_ seat: Int, badge: Int?) -> MissionMember {
            // The mission's own word says "refused": a badge overrides it.
            MissionMember(missionID: missionID, seat: seat, name: "M\(seat)", body: "", title: "", isHead: seat == 1, accreditation: .refused, badge: badge)
        }
        var stranger = mission
        stranger.id = try #require(MissionID(rawValue: "stranger-\(suffix)"))
        await #expect(throws: Refusal.self, "another organisation's badge") {
            try await store.addMission(stranger, members: [member(1, badge: badges[3].id)])
        }
        #expect(try await store.missions().contains { $0.id == stranger.id } == false, "nothing of a refused mission is kept")

        try await store.addMission(mission, members: [member(1, badge: badges[0].id), member(2, badge: nil), member(3, badge: badges[2].id)])
        #expect(try await store.mission(missionID).accreditingOrganisationID == forum.id)
        var members = try await store.members(ofMission: missionID)
        #expect(members.map(\.accreditation) == [.accredited, .refused, .requested])
        #expect(members.map(\.badge) == [badges[0].id, nil, badges[2].id])

        #expect(try await store.linkBadge(badges[1].id, seat: 2, ofMission: missionID).accreditation == .accredited)
        await #expect(throws: StoreError.self, "one member a badge") { try await store.linkBadge(badges[0].id, seat: 3, ofMission: missionID) }
        await #expect(throws: Refusal.self) { try await store.linkBadge(badges[3].id, seat: 3, ofMission: missionID) }
        await #expect(throws: StoreError.notFound("mission member", "\(missionID) seat 9")) { try await store.linkBadge(nil, seat: 9, ofMission: missionID) }

        _ = try await store.revokeAccreditation(badges[1].id, reason: "breach of the code", by: nec, at: Date())
        members = try await store.members(ofMission: missionID)
        #expect(members.map(\.accreditation) == [.accredited, .revoked, .requested])
        #expect(try await store.linkBadge(nil, seat: 3, ofMission: missionID).accreditation == .refused, "without a badge, the mission's word")
        try await store.close()
    }
}
