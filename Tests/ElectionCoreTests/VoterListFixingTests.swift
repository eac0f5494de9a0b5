import ElectionCore
import Testing

/// When this election's voter list may be fixed: after registration closes, once.
@Suite struct VoterListFixingTests {
    static let calendar = ElectionCalendar(entries: [
        CalendarEntry(milestone: .voterRegistration, opens: CalendarDate(iso: "2022-10-20")!, closes: CalendarDate(iso: "2022-11-08")!),
    ])

    @Test func theListIsFixedAfterTheCutOffAndOnce() throws {
        #expect(Self.calendar.voterListCutOff == CalendarDate(iso: "2022-11-08"))
        let early = try #require(throws: Refusal.self) {
            try Self.calendar.requireVoterListFixable(on: CalendarDate(iso: "2022-11-08")!, alreadyFixed: false)
        }
        #expect(early.reason == .outsideCalendar)
        try Self.calendar.requireVoterListFixable(on: CalendarDate(iso: "2022-11-09")!, alreadyFixed: false)
        let twice = try #require(throws: Refusal.self) {
            try Self.calendar.requireVoterListFixable(on: CalendarDate(iso: "2022-11-09")!, alreadyFixed: true)
        }
        #expect(twice.reason == .wrongState)
        // Without a registration period there is no cut-off to fix the list at.
        #expect(throws: Refusal.self) { try ElectionCalendar(entries: []).requireVoterListFixable(on: CalendarDate(iso: "2030-01-01")!, alreadyFixed: false) }
    }

    @Test func aVoterVotesWhereTheFixedListSays() {
        let (register, list): (StationCode, StationCode) = ("120101001", "120101002")
        #expect(RegistrationAnswer.placement(register: register, list: nil, listFixed: false) == .station(register))
        #expect(RegistrationAnswer.placement(register: nil, list: nil, listFixed: false) == .notFound)
        // Once fixed: the list's station even after a move; registered since, the next election.
        #expect(RegistrationAnswer.placement(register: register, list: list, listFixed: true) == .station(list))
        #expect(RegistrationAnswer.placement(register: nil, list: list, listFixed: true) == .station(list))
        #expect(RegistrationAnswer.placement(register: register, list: nil, listFixed: true) == .nextElection)
        #expect(RegistrationAnswer.placement(register: nil, list: nil, listFixed: true) == .notFound)
    }
}
