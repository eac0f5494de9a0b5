import ElectionCore
import Foundation
import Testing

/// An organisation's file of people to accredit: good lines taken, each bad one refused by line,
/// column and rule.
@Suite struct AccreditationFileTests {
    static func read(_ lines: [String]) -> AccreditationFile.Reading {
        AccreditationFile.read(
            Data((lines.joined(separator: "\n") + "\n").utf8), organisation: "comfrel", category: .nationalObserver, codeVersion: 2)
    }

    @Test func goodLinesBecomeApplicationsAndBadOnesAreRefusedOneByOne() {
        let reading = Self.read([
            "name_km,name_latin,sex,nationality",
            "សុខ សុភា,Sok Sophea,F,KHM",
            "ចាន់ ដារា,Chan Dara,m,khm",
            ",Keo Rathana,F,KHM",
            "Keo Rathana,Keo Rathana,F,KHM",
            "កែវ រតនា,កែវ រតនា,F,KHM",
            "កែវ រតនា,Keo Rathana,X,KHM",
            "កែវ រតនា,Keo Rathana,F,Cambodia",
            "កែវ រតនា,@SUM(A1),F,KHM",
            "សុខ សុភា,Sok  Sophea,F,KHM",
            "too,few",
            "ម៉ៅ ស្រីនិច,Nguyễn Thị Mai,F,VNM",
        ])
        #expect(reading.applications.map(\.name.latin) == ["Sok Sophea", "Chan Dara", "Nguyễn Thị Mai"])
        #expect(reading.applications[1].sex == .male && reading.applications[1].nationality == "KHM")
        #expect(reading.applications.allSatisfy { $0.organisationID == "comfrel" && $0.codeOfConductVersion == 2 && $0.status == .submitted })
        let refused = reading.rejections.map { "\($0.line) \($0.field) \($0.reason.rawValue)" }
        #expect(refused == [
            "4 name_km missing", "5 name_km script", "6 name_latin script", "7 sex sex", "8 nationality nationality",
            "9 name_latin formula", "10 name_latin duplicate", "11  line",
        ])
        #expect(AccreditationFile.rejectsFile(reading.rejections).hasPrefix("line,field,reason,name_km,name_latin,sex,nationality\n4,name_km,missing,"))
    }

    @Test func aFileWithAnotherHeaderIsRefusedWhole() {
        let reading = Self.read(["name,sex", "Sok Sophea,F"])
        #expect(reading.applications.isEmpty && reading.rejections.map(\.line) == [1])
    }

    @Test func badgeNumbersReadBack() {
        #expect(AccreditationApplication.badgeNumber(123) == "A-000123")
        #expect(AccreditationApplication.badgeNumber(1_234_567) == "A-1234567")
        #expect(AccreditationApplication.id(badgeNumber: "A-000123") == 123)
        #expect(AccreditationApplication.id(badgeNumber: "B-1") == nil && AccreditationApplication.id(badgeNumber: "A-0") == nil)
    }
}

/// An organisation applying itself: its id from its name, and the NEC's decision on it.
@Suite struct OrganisationRegistrationTests {
    @Test func anIdIsMadeFromTheEnglishName() {
        #expect(AccreditingOrganisation.identifier(from: "Transparency  Cambodia!") == "transparency-cambodia")
        #expect(AccreditingOrganisation.identifier(from: "Comité d'Observation") == "comite-d-observation")
        #expect(AccreditingOrganisation.identifier(from: "អង្គការ") == "org")
        #expect(AccreditingOrganisation.identifier(from: String(repeating: "ab ", count: 30)).count <= 32)
        #expect(AccreditingOrganisation.isIdentifier(AccreditingOrganisation.identifier(from: String(repeating: "ab ", count: 30))))
    }

    @Test func onlyAWaitingOrganisationIsDecidedAndARefusalNeedsItsReason() throws {
        let applied = AccreditingOrganisation(id: "watch", nameEnglish: "Watch", nameKhmer: "ឃ្លាំមើល", kind: .media, contact: "x", registration: .applied)
        #expect(throws: Refusal.self) { try applied.requireRegistered() }
        #expect(throws: Refusal(.reasonRequired, field: "reason", "a refusal needs its reason")) { try applied.registrationDecided(register: false, reason: " ") }
        let registered = try applied.registrationDecided(register: true, reason: "")
        try registered.requireRegistered()
        #expect(throws: Refusal.self) { try registered.registrationDecided(register: false, reason: "late") }
        #expect(try applied.registrationDecided(register: false, reason: "unknown address").reason == "unknown address")
    }
}
