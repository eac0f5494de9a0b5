import ElectionCore
import Testing

/// The rules for a commune's code and its retirement, each refusal naming what stands in the way.
@Suite struct CommuneKeepingTests {
    @Test func aNewCommuneNeedsACodeNeverUsed() throws {
        try CommuneKeeping.requireNewCode("250101", inUse: false, usedBefore: false)
        for (inUse, before, words) in [(true, false, "exists already"), (false, true, "not given again")] {
            let refusal = try #require(throws: Refusal.self) { try CommuneKeeping.requireNewCode("250101", inUse: inUse, usedBefore: before) }
            #expect(refusal.reason == .codeTaken && refusal.field == "code")
            #expect(refusal.message.contains(words), "\(refusal.message)")
        }
    }

    @Test func aCommuneIsRetiredOnlyWhenNothingDependsOnIt() throws {
        try CommuneKeeping.requireRetirable("250101", stations: 0, accounts: 0)
        let stations = try #require(throws: Refusal.self) { try CommuneKeeping.requireRetirable("250101", stations: 3, accounts: 0) }
        #expect(stations.reason == .inUse && stations.message.contains("3 polling stations"))
        let accounts = try #require(throws: Refusal.self) { try CommuneKeeping.requireRetirable("250101", stations: 0, accounts: 2) }
        #expect(accounts.message.contains("2 officials' accounts"))
    }

    @Test func aNewCommuneTakesItsDistrictFromItsCodeAndGetsItsCommission() {
        let commune = CommuneDetails(nameEnglish: "Boeng", nameKhmer: "បឹង", districtName: "Tbong", kind: "Sangkat", approximatePosition: nil)
            .commune("250307")
        #expect(commune.districtCode == "2503" && commune.provinceCode == "25")
        let commission = Commission.forNewCommune(commune)
        #expect(commission.id == "CEC-250307" && commission.level == .commune)
        #expect(commission.nameKhmer.contains("សង្កាត់បឹង"))
    }

    @Test func aStationWithAnOfficialsAccountStays() throws {
        try StationRetirement.require("250101001", votersRegistered: 0, registerRecords: 0, resultForms: 0, observerRecords: 0, accounts: 0)
        let refusal = try #require(throws: Refusal.self) {
            try StationRetirement.require("250101001", votersRegistered: 0, registerRecords: 0, resultForms: 0, observerRecords: 0, accounts: 1)
        }
        #expect(refusal.reason == .inUse && refusal.message.contains("1 officials' accounts"))
    }
}

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
}
