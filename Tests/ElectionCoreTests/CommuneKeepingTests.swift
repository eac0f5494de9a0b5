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
