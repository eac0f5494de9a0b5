import ElectionCore
import ElectionStore
@testable import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import SQLKit
import Testing

extension StoreBehaviourTests {
/// Party registration, candidate lists and the calendar through the store, on every engine. On
/// PostgreSQL the database is shared: each test puts back what it changed (nested in the
/// serialized suite, so no test that counts parties or candidates runs meanwhile), and lists are
/// only ever replaced by lists of the same party, so no ballot paper changes under a results test.
@Suite struct NominationStoreTests {
    static let pollingDay = CalendarDate(year: 2023, month: 7, day: 23)!
    /// A moment inside the 2023 nomination period (24 April to 8 May 2023, UTC+7).
    static let duringNominations = ISO8601DateFormatter().date(from: "2023-05-01T03:00:00Z")!
    static let afterNominations = ISO8601DateFormatter().date(from: "2023-05-09T03:00:00Z")!

    static func nec(_ store: SQLElectionStore) async throws -> Official {
        try await store.addOfficial(name: "nec-\(UUID().uuidString.prefix(8))", role: .necAdministrator, unitCode: .nation, passwordHash: "!")
    }

    /// Voters of the test register old enough to stand, and one too young.
    static func voters(_ store: SQLElectionStore) async throws -> (adults: [Voter], young: Voter) {
        let all = try await store.voters(after: nil, limit: 3_000)
        let adults = all.filter { $0.dateOfBirth.age(on: pollingDay) >= 25 }
        let young = try #require(all.first { $0.dateOfBirth.age(on: pollingDay) < 25 })
        return (adults, young)
    }

    static func nominee(_ voter: Voter, national: Bool = true) -> Nominee {
        Nominee(voterNumber: voter.number, name: voter.name.khmer, nationalByBirth: national)
    }

    /// Puts a list back as it was, and forgets the test's submissions and changes of it.
    static func restore(_ list: [Candidate], party: PartyNumber, constituency: ProvinceCode, in store: SQLElectionStore) async throws {
        try await store.engine.withTransaction { tx in
            try await SQLElectionStore.deleteList(party, constituency, in: tx)
            try await tx.bulkInsert(into: "candidates", columns: SQLElectionStore.candidateColumns, rows: list.map(SQLElectionStore.candidateRow))
            for table in ["list_submissions", "candidate_changes"] {
                try await tx.sql.raw("""
                    DELETE FROM \(unsafeRaw: table) WHERE party_id = \(bind: party.rawValue) AND constituency_code = \(bind: constituency.rawValue)
                    """).run()
            }
            try await tx.sql.raw("DELETE FROM deadline_overrides").run()
        }
    }

    /// Runs `body` with the party's list there as it stands, then puts the list back and closes the
    /// store, whether `body` passed or failed.
    static func keepingList(
        _ party: PartyNumber, _ province: ProvinceCode, in store: SQLElectionStore, _ body: ([Candidate]) async throws -> Void
    ) async throws {
        let before = try await store.candidates(party: party, constituency: province)
        do {
            try await body(before)
        } catch {
            try await restore(before, party: party, constituency: province, in: store)
            try await store.close()
            throw error
        }
        try await restore(before, party: party, constituency: province, in: store)
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func aListIsCheckedWholeAndStoredOnlyWhenEveryRuleHolds(_ engine: StoreEngine) async throws {
        let store = try await ResultStoreTests.store(engine)
        let nec = try await Self.nec(store)
        let (adults, young) = try await Self.voters(store)
        // A one-seat constituency: one titular candidate and up to ten reserves.
        let province = try #require(try await store.constituencies().first { $0.seats == 1 }).id
        let party: PartyNumber = 1
        try await Self.keepingList(party, province, in: store) { before in
            // Three problems in one list, each naming its candidate: too young, not declared
            // national by birth, and twice on the list.
            let bad = CandidateListSubmission(party: party, constituency: province, nominees: [
                Self.nominee(adults[0]), Self.nominee(young), Self.nominee(adults[1], national: false), Self.nominee(adults[0]),
            ])
            let refused = try await #require(throws: NominationProblems.self) {
                try await store.submitList(bad, by: .official(nec), at: Self.duringNominations)
            }
            #expect(Set(refused.problems.map(\.rule)) == [.tooYoung, .notNationalByBirth, .twiceOnList])
            #expect(refused.problems.first { $0.rule == .tooYoung }?.position == 2)
            #expect(refused.problems.first { $0.rule == .tooYoung }?.candidate == young.name.khmer)
            #expect(refused.problems.first { $0.rule == .twiceOnList }?.position == 4)
            #expect(try await store.candidates(party: party, constituency: province) == before)

            // A name that is not the register's, and a number not on it.
            let strangers = CandidateListSubmission(party: party, constituency: province, nominees: [
                Nominee(voterNumber: adults[2].number, name: "Somebody Else", nationalByBirth: true),
                Nominee(voterNumber: VoterNumber(serial: 999_999_998), name: "Nobody", nationalByBirth: true),
            ])
            let strangersRefused = try await #require(throws: NominationProblems.self) {
                try await store.submitList(strangers, by: .official(nec), at: Self.duringNominations)
            }
            #expect(strangersRefused.problems.map(\.rule) == [.nameDiffers, .notRegistered])

            // Too long: 1 seat and at most 10 reserves.
            let long = CandidateListSubmission(party: party, constituency: province, nominees: adults.prefix(12).map { Self.nominee($0) })
            let longRefused = try await #require(throws: NominationProblems.self) {
                try await store.submitList(long, by: .official(nec), at: Self.duringNominations)
            }
            #expect(longRefused.problems.map(\.rule) == [.tooManyCandidates])
            #expect(longRefused.problems.first?.allowed == 1...11)

            // A good list replaces the party's list there, with the register's names.
            let good = CandidateListSubmission(party: party, constituency: province, nominees: [Self.nominee(adults[0]), Self.nominee(adults[1])])
            let stored = try await store.submitList(good, by: .official(nec), at: Self.duringNominations)
            #expect(stored.map(\.voterNumber) == [adults[0].number, adults[1].number])
            let now = try await store.candidates(party: party, constituency: province)
            #expect(now.map(\.name) == [adults[0].name, adults[1].name])
            #expect(now.map(\.dateOfBirth) == [adults[0].dateOfBirth, adults[1].dateOfBirth])
            #expect(try await store.lastSubmission(party: party, constituency: province)?.by == nec.name)

            // The same person on another party's list, anywhere, is refused.
            let elsewhere = try #require(try await store.constituencies().first { $0.id != province && $0.seats == 1 }).id
            let otherBefore = try await store.candidates(party: 2, constituency: elsewhere)
            let poached = CandidateListSubmission(party: 2, constituency: elsewhere, nominees: [Self.nominee(adults[1])])
            let poachedRefused = try await #require(throws: NominationProblems.self) {
                try await store.submitList(poached, by: .official(nec), at: Self.duringNominations)
            }
            #expect(poachedRefused.problems.map(\.rule) == [.onAnotherList])
            #expect(try await store.candidates(party: 2, constituency: elsewhere) == otherBefore)

            // Resubmitting its own list with the same people is no conflict with itself.
            _ = try await store.submitList(good, by: .official(nec), at: Self.duringNominations)
        }
    }

    @Test(arguments: StoreEngine.available)
    func listsAreLockedWhenNominationsCloseUnlessTheNECMovesTheDeadline(_ engine: StoreEngine) async throws {
        let store = try await ResultStoreTests.store(engine)
        let nec = try await Self.nec(store)
        let (adults, _) = try await Self.voters(store)
        let province = try #require(try await store.constituencies().first { $0.seats == 1 }).id
        let party: PartyNumber = 3
        try await Self.keepingList(party, province, in: store) { _ in
            let list = CandidateListSubmission(party: party, constituency: province, nominees: [Self.nominee(adults[5])])
            let closed = try await #require(throws: Refusal.self) {
                try await store.submitList(list, by: .official(nec), at: Self.afterNominations)
            }
            #expect(closed.reason == .outsideCalendar)
            // Only an NEC administrator moves a deadline, and only with a reason.
            let provincial = try await store.addOfficial(
                name: "pec-\(UUID().uuidString.prefix(8))", role: .provincialOfficial, unitCode: .province(province), passwordHash: "!")
            await #expect(throws: Refusal.self) {
                try await store.overrideDeadline(.nominations, closes: CalendarDate(year: 2023, month: 5, day: 10)!, reason: "flood", by: provincial, at: Date())
            }
            await #expect(throws: Refusal.self) {
                try await store.overrideDeadline(.nominations, closes: CalendarDate(year: 2023, month: 5, day: 10)!, reason: " ", by: nec, at: Date())
            }
            try await store.overrideDeadline(.nominations, closes: CalendarDate(year: 2023, month: 5, day: 10)!,
                                             reason: "floods closed the provincial offices", by: nec, at: Date())
            let calendar = try await store.calendar()
            #expect(calendar.window(.nominations)?.upperBound == CalendarDate(year: 2023, month: 5, day: 10))
            #expect(calendar.override(of: .nominations)?.officialName == nec.name)
            _ = try await store.submitList(list, by: .official(nec), at: Self.afterNominations)
            #expect(try await store.candidates(party: party, constituency: province).map(\.voterNumber) == [adults[5].number])

            // After the lock, the NEC withdraws and replaces, with reasons, and both are recorded.
            let two = CandidateListSubmission(party: party, constituency: province, nominees: [Self.nominee(adults[5]), Self.nominee(adults[6])])
            _ = try await store.submitList(two, by: .official(nec), at: Self.afterNominations)
            let withdrawn = try await store.withdrawCandidate(party: party, constituency: province, position: 1, reason: "died", by: nec, at: Date())
            #expect(withdrawn.former == adults[5].name)
            #expect(try await store.candidates(party: party, constituency: province).map(\.voterNumber) == [adults[6].number])
            let young = try await Self.voters(store).young
            await #expect(throws: NominationProblems.self) {
                try await store.replaceCandidate(party: party, constituency: province, position: 1, with: Self.nominee(young),
                                                 reason: "resigned", by: nec, at: Date())
            }
            let replaced = try await store.replaceCandidate(party: party, constituency: province, position: 1, with: Self.nominee(adults[7]),
                                                            reason: "resigned", by: nec, at: Date())
            #expect(replaced.replacement == adults[7].name)
            #expect(try await store.candidates(party: party, constituency: province).map(\.voterNumber) == [adults[7].number])
            #expect(try await store.candidateChanges(party: party, constituency: province).map(\.kind) == [.withdrawn, .replaced])
        }
    }

    @Test(arguments: StoreEngine.available)
    func theNECRegistersOrRejectsAPartyAndItsAgentSubmitsOnlyItsOwnLists(_ engine: StoreEngine) async throws {
        let store = try await ResultStoreTests.store(engine)
        let nec = try await Self.nec(store)
        let tag = UUID().uuidString.prefix(8)
        var created: [PartyNumber] = []
        do {
            let filed = try await store.fileApplication(PartyApplication(
                id: 0, nameEnglish: "Rice Farmers Party \(tag)", nameKhmer: "គណបក្សកសិករ \(tag)", abbreviation: "RFP", leader: "Chan Sophal",
                contact: "012 345 678", filedAt: Date()), by: nec, at: Date())
            #expect(filed.status == .pending)
            // The same name again, while the first is pending, and the name of a registered party.
            await #expect(throws: StoreError.duplicate("party", "Rice Farmers Party \(tag)")) {
                _ = try await store.fileApplication(filed, by: nec, at: Date())
            }
            let existing = try await store.party(1)
            await #expect(throws: StoreError.self) {
                var copy = filed
                copy.nameEnglish = existing.nameEnglish.uppercased()
                _ = try await store.fileApplication(copy, by: nec, at: Date())
            }
            let highest = try await store.parties().map(\.id).max()!
            let registered = try await store.decide(
                application: filed.id, .register(reason: "", agentName: "Keo Dara"), agentCodeDigest: "digest-\(tag)", by: nec, at: Date())
            let number = try #require(registered.party)
            created.append(number)
            #expect(number.rawValue == highest.rawValue + 1)
            #expect(try await store.party(number).nameEnglish == "Rice Farmers Party \(tag)")
            #expect(try await store.partyAgent(codeDigest: "digest-\(tag)") == PartyAgent(party: number, name: "Keo Dara"))
            #expect(try await store.partyAgent(codeDigest: "digest-other") == nil)
            // A lost code is replaced: the new one works, the old one no longer does.
            try await store.replaceAgent(of: number, agentName: "Sok Vanna", agentCodeDigest: "digest-new-\(tag)", by: nec, at: Date())
            #expect(try await store.partyAgent(codeDigest: "digest-new-\(tag)") == PartyAgent(party: number, name: "Sok Vanna"))
            #expect(try await store.partyAgent(codeDigest: "digest-\(tag)") == nil)
            // A decision is made once.
            await #expect(throws: Refusal.self) {
                _ = try await store.decide(application: filed.id, .reject(reason: "late"), agentCodeDigest: "x", by: nec, at: Date())
            }

            // A rejection needs its reason.
            let second = try await store.fileApplication(PartyApplication(
                id: 0, nameEnglish: "Late Party \(tag)", nameKhmer: "គណបក្សយឺត \(tag)", abbreviation: "", leader: "Sok", contact: "-",
                filedAt: Date()), by: nec, at: Date())
            await #expect(throws: Refusal.self) {
                _ = try await store.decide(application: second.id, .reject(reason: ""), agentCodeDigest: "y", by: nec, at: Date())
            }
            let rejected = try await store.decide(application: second.id, .reject(reason: "filed after the deadline"),
                                                  agentCodeDigest: "y", by: nec, at: Date())
            #expect(rejected.status == .rejected && rejected.party == nil)
            #expect(try await store.partyApplications().first { $0.id == second.id }?.decisionReason == "filed after the deadline")

            // The agent submits for the party only.
            let agent = PartyAgent(party: number, name: "Keo Dara")
            let other = CandidateListSubmission(party: 1, constituency: "01", nominees: [])
            let refusal = try await #require(throws: Refusal.self) {
                try await store.submitList(other, by: .agent(agent), at: Self.duringNominations)
            }
            #expect(refusal.reason == .roleMayNot)

            // The ballot draw takes every registered party and is recorded with its seed.
            let draw = try await store.drawBallotOrder(seed: 20_230_422, by: nec, at: Date())
            #expect(Set(draw.order) == Set(try await store.parties().map(\.id)))
            #expect(draw.order == BallotDraw(seed: 20_230_422, parties: try await store.parties().map(\.id)).order())
            // The ballot papers follow the draw.
            let standing = Set(try await store.candidates().filter { $0.constituencyCode == "01" }.map(\.partyID))
            #expect(try await store.ballot(constituency: "01") == draw.order.filter(standing.contains))
            let recorded = try #require(try await store.ballotDraws().last)
            #expect(recorded.draw == draw.draw && recorded.order == draw.order && recorded.officialName == nec.name)
        } catch {
            try await Self.forget(created, tag: String(tag), in: store)
            throw error
        }
        try await Self.forget(created, tag: String(tag), in: store)
    }

    /// Takes the test's parties, applications, agents and draws out of the shared database.
    static func forget(_ parties: [PartyNumber], tag: String, in store: SQLElectionStore) async throws {
        try await store.engine.withTransaction { tx in
            try await tx.sql.raw("DELETE FROM ballot_draws").run()
            try await tx.sql.raw("DELETE FROM party_agents WHERE token_digest LIKE \(bind: "%" + tag)").run()
            try await tx.sql.raw("DELETE FROM party_applications WHERE name_en LIKE \(bind: "%" + tag)").run()
            for party in parties { try await tx.sql.raw("DELETE FROM parties WHERE id = \(bind: party.rawValue)").run() }
        }
        try await store.close()
    }
}
}
