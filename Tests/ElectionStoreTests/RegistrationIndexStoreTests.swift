import ElectionCore
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

extension StoreBehaviourTests {
/// The public check answered from memory must say what the database says: for the register as
/// loaded, after this process's changes (at once), and after another process's (once the log has
/// been read). Nested in the serialized suite: on PostgreSQL the register is shared.
@Suite struct RegistrationIndexStoreTests {
    /// Questions about `voters`: by number, and by each name with the date of birth.
    static func questions(_ voters: [Voter]) -> [RegistrationQuestion] {
        voters.flatMap { voter in
            [.byNumber(voter.number), .byName(voter.name.khmer, dateOfBirth: voter.dateOfBirth),
             .byName(voter.name.latin, dateOfBirth: voter.dateOfBirth),
             .byName(voter.name.latin + "x", dateOfBirth: voter.dateOfBirth)]
        }
    }

    static func answers(_ questions: [RegistrationQuestion], _ store: SQLElectionStore) async throws -> [RegistrationAnswer] {
        var answers: [RegistrationAnswer] = []
        for question in questions { answers.append(try await store.lookUpRegistration(question)) }
        return answers
    }

    @Test(arguments: StoreEngine.available)
    func theIndexAnswersAsTheDatabaseAndFollowsEveryChange(_ engine: StoreEngine) async throws {
        // Two stores on one database: `other` stands for another process (a command, another server),
        // whose changes `store` learns from the register log.
        let store: SQLElectionStore, other: SQLElectionStore
        switch engine {
        case .sqlite:
            let path = try TestDatabases.temporaryDirectory().appendingPathComponent("index.sqlite").path
            try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: path)
            store = try await SQLElectionStore.openSQLite(path: path)
            other = try await SQLElectionStore.openSQLite(path: path)
        case .postgres:
            store = try await engine.store()
            other = try await engine.store()
        }
        var voters: [Voter] = []
        do {
            let sample = try await store.voters(after: nil, limit: 150)
            let questions = Self.questions(sample)
            let fromDatabase = try await Self.answers(questions, store)
            #expect(!store.registrationIndexReady)

            try await store.catchUpRegistrationIndex()
            #expect(store.registrationIndexReady)
            let before = store.registrationChecksFromMemory
            let fromMemory = try await Self.answers(questions, store)
            #expect(fromMemory == fromDatabase)
            // The misspelt names (one slip away) are left to the database; every other question is not.
            #expect(store.registrationChecksFromMemory - before >= questions.count * 3 / 4)
            #expect(fromDatabase.contains { if case .registered = $0 { true } else { false } })

            let stations = try await RegisterStoreTests.stations(store)
            let nec = try await store.addOfficial(
                name: "nec-index-\(UUID().uuidString.prefix(8))", role: .necAdministrator, unitCode: "", passwordHash: "!")
            // A date of birth no generated voter has, so that the name is this voter's alone.
            let born = CalendarDate(year: 1932, month: 3, day: Int.random(in: 1...28))!
            let voter = RegisterStoreTests.newVoter(stations[0].id, khmer: "ហេង សុវណ្ណារី", latin: "Heng Sovannary", born: born)
            voters.append(voter)

            // This process's change is answered at once, before the index has read the log.
            _ = try await store.registerVoter(voter, reason: "came of age", by: nec, at: Date())
            #expect(try await store.lookUpRegistration(.byNumber(voter.number)) == .registered(stations[0]))
            #expect(try await store.lookUpRegistration(.byName("Heng Sovannary", dateOfBirth: born)) == .registered(stations[0]))
            try await store.catchUpRegistrationIndex()
            #expect(store.registrationIndexReady)
            let counted = store.registrationChecksFromMemory
            #expect(try await store.lookUpRegistration(.byNumber(voter.number)) == .registered(stations[0]))
            #expect(try await store.lookUpRegistration(.byName("ហេង សុវណ្ណារី", dateOfBirth: born)) == .registered(stations[0]))
            #expect(store.registrationChecksFromMemory == counted + 2)

            // Another process moves the voter, then removes them: known here once the log is read.
            _ = try await other.moveVoter(voter.number, to: stations[1].id, reason: "moved house", by: nec, at: Date())
            try await store.catchUpRegistrationIndex()
            #expect(try await store.lookUpRegistration(.byNumber(voter.number)) == .registered(stations[1]))
            #expect(try await store.lookUpRegistration(.byName("Heng Sovannary", dateOfBirth: born)) == .registered(stations[1]))
            _ = try await other.removeVoter(voter.number, reason: "deceased", by: nec, at: Date())
            voters.removeAll()
            try await store.catchUpRegistrationIndex()
            #expect(try await store.lookUpRegistration(.byNumber(voter.number)) == .notFound)
            #expect(try await store.lookUpRegistration(.byName("Heng Sovannary", dateOfBirth: born)) == .notFound)
            // A station's new name reaches the answers too (stations change while registration is open).
            let registrationOpen = Date(timeIntervalSince1970: 1_654_041_600)  // 1 June 2022
            let first = sample[0]
            let station = try await store.pollingStation(first.stationCode)
            var renamed = StationDetails(station)
            renamed.nameEnglish += " (hall)"
            let edited = try await other.editPollingStation(station.id, renamed, reason: "renamed", by: nec, at: registrationOpen)
            try await store.catchUpRegistrationIndex()
            #expect(try await store.lookUpRegistration(.byNumber(first.number)) == .registered(edited))
            _ = try await other.editPollingStation(station.id, StationDetails(station), reason: "back", by: nec, at: registrationOpen)

            // Still the database's answers for the sample, after all that.
            try await store.catchUpRegistrationIndex()
            #expect(try await Self.answers(questions, store) == fromDatabase)
        } catch {
            try? await RegisterStoreTests.cleanUp(voters, store)
            try? await other.close()
            throw error
        }
        try await RegisterStoreTests.cleanUp(voters, store)
        try await other.close()
    }
}
}
