import ElectionCore
import Foundation
import Testing

/// The complaint rules: routing by category and place, deadlines, who handles, appeals up the
/// tiers, references and evidence files.
@Suite struct ComplaintTests {
    static let station: StationCode = "120101001"
    static let received = Date(timeIntervalSince1970: 1_690_092_000)  // 2023-07-23 06:00 UTC, 13:00 in Phnom Penh
    static let day = CalendarDate(year: 2023, month: 7, day: 23)!

    static func complaint(_ category: ComplaintCategory = .pollingAndCounting, area: UnitCode = .station(station)) -> Complaint {
        let receipt = Complaint.receipt(category, area: area, at: received, day: day)
        return Complaint(
            id: 7, reference: "C000007-K7PX", category: category, channel: .web, area: area, place: "", description: "Ballots taken away",
            complainant: Complainant(name: "Sok Dara", phone: "012 345 678"), receivedAt: received, handlingUnit: receipt.unit, steps: [receipt])
    }

    static func official(_ role: OfficialRole, _ unit: UnitCode) -> Official {
        Official(id: 1, name: "test", role: role, unitCode: unit)
    }

    @Test func categoriesGoToTheirTierOverThePlace() {
        #expect(Complaint.route(.pollingAndCounting, area: .station(Self.station)) == "120101")
        #expect(Complaint.route(.voterRegister, area: "120101") == "120101")
        #expect(Complaint.route(.results, area: .station(Self.station)) == "12")
        #expect(Complaint.route(.partiesAndCandidates, area: .station(Self.station)) == .nation)
        #expect(Complaint.route(.pollingAndCounting, area: "12") == "12", "a place given only as a province goes to the province")
        #expect(Complaint.route(.campaign, area: .nation) == .nation)
        #expect(Complaint.appealUnit(above: "120101") == "12")
        #expect(Complaint.appealUnit(above: "12") == .nation)
        #expect(Complaint.appealUnit(above: .nation) == nil)
    }

    @Test func deadlinesCountFromTheDayReceived() {
        let complaint = Self.complaint()
        #expect(complaint.decideBy == CalendarDate(year: 2023, month: 7, day: 26))
        #expect(!complaint.isOverdue(on: CalendarDate(year: 2023, month: 7, day: 26)!))
        #expect(complaint.isOverdue(on: CalendarDate(year: 2023, month: 7, day: 27)!))
        #expect(complaint.status(on: Self.day) == .received)
        #expect(Self.complaint(.other).decideBy == CalendarDate(year: 2023, month: 8, day: 2))
    }

    @Test func onlyTheHandlingCommissionActsAndSeesTheComplainant() throws {
        let complaint = Self.complaint()
        let commune = Self.official(.communeOfficial, "120101")
        #expect(commune.handles(complaint))
        #expect(!Self.official(.communeOfficial, "120102").handles(complaint))
        #expect(!Self.official(.provincialOfficial, "12").handles(complaint), "the province follows, it does not handle")
        #expect(!Self.official(.stationOfficial, .station(Self.station)).handles(complaint))
        #expect(!Self.official(.necAdministrator, .nation).handles(complaint))
        let station = #expect(throws: Refusal.self) { try complaint.requireDecision(reasons: "Seen.", by: Self.official(.stationOfficial, .station(Self.station))) }
        #expect(station?.reason == .roleMayNot)
        let province = #expect(throws: Refusal.self) { try complaint.requireDecision(reasons: "Seen.", by: Self.official(.provincialOfficial, "12")) }
        #expect(province?.reason == .outsideUnit)
        let silent = #expect(throws: Refusal.self) { try complaint.requireDecision(reasons: "  ", by: commune) }
        #expect(silent?.reason == .reasonRequired && silent?.field == "reasons")
        try complaint.requireDecision(reasons: "The box was sealed.", by: commune)
        let early = #expect(throws: Refusal.self) { try complaint.requireHearing(at: Self.received.addingTimeInterval(-60), by: commune) }
        #expect(early?.field == "hearingAt")
    }

    @Test func aDecisionMayBeAppealedUpToTheNECWithinThreeDays() throws {
        var complaint = Self.complaint()
        let decidedDay = CalendarDate(year: 2023, month: 7, day: 25)!
        complaint.steps.append(ComplaintStep(kind: .decision, at: Self.received.addingTimeInterval(2 * 86_400), day: decidedDay, unit: "120101",
                                             outcome: .dismissed, reasons: "No evidence."))
        #expect(complaint.status(on: decidedDay) == .decided)
        #expect(complaint.appealBy == CalendarDate(year: 2023, month: 7, day: 28))
        #expect(complaint.status(on: CalendarDate(year: 2023, month: 7, day: 29)!) == .final)
        let stranger = #expect(throws: Refusal.self) { try complaint.requireAppeal(phone: "099 999 999", reasons: "Wrong.", on: decidedDay) }
        #expect(stranger?.field == "phone")
        let late = #expect(throws: Refusal.self) {
            try complaint.requireAppeal(phone: "012345678", reasons: "Wrong.", on: CalendarDate(year: 2023, month: 7, day: 29)!)
        }
        #expect(late?.reason == .outsideCalendar)
        #expect(try complaint.requireAppeal(phone: "012-345-678", reasons: "Wrong.", on: decidedDay) == "12", "the same number, written otherwise")
        let nec = #expect(throws: Refusal.self) { try complaint.requireDecision(reasons: "Again.", by: Self.official(.communeOfficial, "120101")) }
        #expect(nec?.reason == .wrongState, "decided once at this tier")

        complaint.steps.append(ComplaintStep(kind: .appeal, at: Self.received.addingTimeInterval(3 * 86_400), day: decidedDay.adding(days: 1),
                                             unit: "12", decideBy: decidedDay.adding(days: 4), reasons: "Wrong."))
        complaint.handlingUnit = "12"
        #expect(complaint.decision == nil && complaint.status(on: decidedDay.adding(days: 1)) == .appealed)
        try complaint.requireDecision(reasons: "Upheld on appeal.", by: Self.official(.provincialOfficial, "12"))
        complaint.steps.append(ComplaintStep(kind: .decision, at: Self.received.addingTimeInterval(4 * 86_400), day: decidedDay.adding(days: 2),
                                             unit: .nation, outcome: .upheld, reasons: "Final."))
        #expect(complaint.appealBy == nil, "the NEC's decision is the last")
        #expect(complaint.status(on: decidedDay.adding(days: 2)) == .final)
    }

    @Test func referencesAreWellFormedAndNotSequential() {
        var generator = SystemRandomNumberGenerator()
        let first = ComplaintReference.make(id: 123, using: &generator)
        #expect(first.hasPrefix("C000123-") && first.count == 12)
        #expect(ComplaintReference.normalized(first.lowercased()) == first)
        #expect(ComplaintReference.normalized(" " + first + " ") == first)
        #expect(ComplaintReference.normalized("C000123") == nil)
        #expect(ComplaintReference.normalized("C000123-OOOO") == nil, "O is not in the alphabet: read out, it is 0")
        let suffixes = Set((0..<50).map { _ in ComplaintReference.make(id: 123, using: &generator).suffix(4) })
        #expect(suffixes.count > 40, "the letters are drawn, not derived from the number")
    }

    @Test func evidenceIsRecognisedByItsBytes() {
        #expect(ComplaintEvidence.FileType(sniffing: [0xFF, 0xD8, 0xFF, 0xE0, 0, 0]) == .jpeg)
        #expect(ComplaintEvidence.FileType(sniffing: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png)
        #expect(ComplaintEvidence.FileType(sniffing: Array("%PDF-1.7\n".utf8)) == .pdf)
        #expect(ComplaintEvidence.problem(with: Array("<html><script>alert(1)</script>".utf8)) == .type)
        #expect(ComplaintEvidence.problem(with: Array("<svg onload=alert(1)>".utf8)) == .type)
        #expect(ComplaintEvidence.problem(with: [UInt8]()) == .empty)
        #expect(ComplaintEvidence.problem(with: [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: ComplaintEvidence.maximumBytes)) == .tooLarge)
        #expect(ComplaintEvidence.problem(with: [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: 100)) == nil)
    }

    @Test func statisticsCountPendingApartFromOutcomes() {
        var decided = Self.complaint()
        decided.steps.append(ComplaintStep(kind: .decision, at: Self.received, day: Self.day, unit: "120101", outcome: .upheld, reasons: "Yes."))
        let statistics = ComplaintStatistics([decided, Self.complaint(.results)], on: CalendarDate(year: 2023, month: 8, day: 1)!)
        #expect(statistics.total == 2 && statistics.pending == 1 && statistics.byOutcome == [.upheld: 1])
        #expect(statistics.byLevel == [.commune: 1, .province: 1])
        #expect(statistics.overdue == 1, "the results complaint was due on 26 July")
    }
}
