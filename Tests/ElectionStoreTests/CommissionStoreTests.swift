import ElectionCore
import ElectionStore
@testable import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import SQLKit
import Testing

extension StoreBehaviourTests {
/// Commission members appointed and removed by the NEC, on every engine, against the rules: the
/// tier's sizes (5 to 9 at a polling station in the scenario), one chair, one seat per person, a
/// registered voter under the name typed. On PostgreSQL the test puts the commission back.
@Suite struct CommissionStoreTests {
    @Test(arguments: StoreEngine.available)
    func appointmentsAndRemovalsKeepTheCommissionWithinItsRules(_ engine: StoreEngine) async throws {
        let store = try await ResultStoreTests.store(engine)
        let nec = try await NominationStoreTests.nec(store)
        let station = try #require(try await store.pollingStations(inProvince: "25").first).id
        let id = Commission.id(level: .pollingStation, unitCode: .station(station))
        let other = Commission.id(level: .provincial, unitCode: .province("25"))
        let before = try await store.members(ofCommission: id)
        let voters = try await store.voters(after: nil, limit: 50)
        func appoint(_ voter: Voter, role: CommissionRole = .member, to commission: String? = nil, name: String? = nil) async throws -> CommissionMember {
            try await store.appointMember(Appointment(commissionID: commission ?? id, role: role, voterNumber: voter.number, name: name ?? voter.name.khmer),
                                          reason: "appointed by the NEC", by: nec, at: Date())
        }
        func refused(_ body: () async throws -> Void) async -> [CommissionRule] {
            do { try await body(); return [] } catch let problems as CommissionProblems { return problems.rules } catch { return [] }
        }
        do {
            #expect(try await store.commissionSizes()[.pollingStation] == 5...9)
            #expect(before.count == 6 && before.contains { $0.role == .chair })
            #expect(await refused { _ = try await appoint(voters[0], name: "Somebody Else") } == [.notRegistered])
            #expect(await refused { _ = try await appoint(voters[0], role: .chair) } == [.secondChair])

            let first = try await appoint(voters[0])
            #expect(first.seat == 7 && first.name == voters[0].name && first.voterNumber == voters[0].number)
            #expect(await refused { _ = try await appoint(voters[0], to: other) } == [.alreadyOnACommission])
            _ = try await appoint(voters[1])
            _ = try await appoint(voters[2])
            #expect(try await store.members(ofCommission: id).count == 9)
            #expect(await refused { _ = try await appoint(voters[3]) } == [.tooManyMembers])

            for seat in [7, 8, 9, 1] {
                _ = try await store.removeMember(commission: id, seat: seat, reason: "resigned", by: nec, at: Date())
            }
            #expect(try await store.members(ofCommission: id).count == 5)
            #expect(try await store.members(ofCommission: id).allSatisfy { $0.role != .chair }, "the chair left")
            #expect(await refused { _ = try await store.removeMember(commission: id, seat: 2, reason: "resigned", by: nec, at: Date()) } == [.tooFewMembers])
            // With the chair gone, a new chair may be appointed.
            _ = try await appoint(voters[3], role: .chair)
            let history = try await store.commissionChanges(of: id)
            #expect(history.map(\.action) == [.appointed, .appointed, .appointed, .removed, .removed, .removed, .removed, .appointed])
            #expect(history.allSatisfy { $0.officialName == nec.name })
        } catch {
            try await Self.restore(id, before, store)
            throw error
        }
        try await Self.restore(id, before, store)
    }

    static func restore(_ id: String, _ members: [CommissionMember], _ store: SQLElectionStore) async throws {
        try await store.engine.withTransaction { tx in
            try await tx.sql.raw("DELETE FROM commission_members WHERE commission_id = \(bind: id)").run()
            try await tx.bulkInsert(into: "commission_members", columns: SQLElectionStore.memberColumns, rows: members.map(SQLElectionStore.memberRow))
            try await tx.sql.raw("DELETE FROM commission_changes WHERE commission_id = \(bind: id)").run()
        }
        try await store.close()
    }
}
}
