import ElectionCore
import Foundation
import Testing

/// The equal-airtime draw: on random inputs (any number of parties, channels and slots), every
/// party gets the same number of slots, the counts of each kind of slot differ by at most one, no
/// more slots than necessary are left over, and the same seed draws the same schedule.
@Suite struct AirtimeScheduleTests {
    static func time(_ minutes: Int) -> ClockTime { ClockTime(String(format: "%02d:%02d", minutes / 60, minutes % 60))! }

    @Test func everyPartyGetsEqualAirtimeAndAFairShareOfEachKind() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let partyCount = Int.random(in: 1...25, using: &random)
            let parties = (1...partyCount).map { PartyNumber(rawValue: $0)! }
            let channels = (0..<Int.random(in: 1...4, using: &random)).map { c in
                AirtimeChannel(name: "Channel \(c)", slots: (0..<Int.random(in: 1...8, using: &random)).map { s in
                    .init(start: Self.time(360 + s * 15), prime: Bool.random(using: &random))
                })
            }
            let start = CalendarDate(year: 2023, month: 7, day: 1)!
            let days = (0..<Int.random(in: 1...21, using: &random)).map { CalendarDate(daysSinceEpoch: start.daysSinceEpoch + $0) }
            let seed = random.next()
            let schedule = try AirtimeSchedule.draw(days: days, channels: channels, parties: parties, minutes: 10, seed: seed)
            let slots = days.count * channels.map(\.slots.count).reduce(0, +)
            #expect(schedule.broadcasts.count == slots, "every slot once")
            #expect(Set(schedule.broadcasts.map { "\($0.channel) \($0.day) \($0.start)" }).count == slots)
            let totals = parties.map { schedule.broadcasts(of: $0).count }
            #expect(Set(totals).count == 1, "equal airtime: \(totals)")
            #expect(schedule.broadcasts.filter { $0.party == nil }.count == slots % partyCount, "only the remainder is left")
            let counts = schedule.counts()
            let kinds = Set(counts.values.flatMap(\.keys))
            for kind in kinds {
                let perParty = parties.map { counts[$0]?[kind] ?? 0 }
                #expect(perParty.max()! - perParty.min()! <= 1, "\(kind): \(perParty)")
            }
            #expect(try AirtimeSchedule.draw(days: days, channels: channels, parties: parties.reversed(), minutes: 10, seed: seed) == schedule,
                    "the same seed and parties draw the same, in whatever order the parties are given")
        }
    }

    @Test func theSeedDecidesAndBadInputIsRefused() throws {
        let channel = AirtimeChannel(name: "TVK", slots: [.init(start: Self.time(1140), prime: true), .init(start: Self.time(720), prime: false)])
        let days = (1...21).map { CalendarDate(year: 2023, month: 7, day: $0)! }
        let parties = (1...18).map { PartyNumber(rawValue: $0)! }
        let one = try AirtimeSchedule.draw(days: days, channels: [channel], parties: parties, minutes: 10, seed: 1)
        let two = try AirtimeSchedule.draw(days: days, channels: [channel], parties: parties, minutes: 10, seed: 2)
        #expect(one.broadcasts != two.broadcasts)
        #expect(throws: AirtimeSchedule.Problem.noParties) { try AirtimeSchedule.draw(days: days, channels: [channel], parties: [], minutes: 10, seed: 1) }
        #expect(throws: AirtimeSchedule.Problem.duplicateSlot(channel: "TVK", start: Self.time(1140))) {
            try AirtimeSchedule.draw(days: days, channels: [channel, channel], parties: parties, minutes: 10, seed: 1)
        }
    }

    /// The iCalendar file: times in UTC from Cambodia's UTC+7, text escaped, lines of at most 75 octets.
    @Test func theICalendarFileIsWellFormed() throws {
        let channel = AirtimeChannel(name: "National Radio, FM 96", slots: [.init(start: Self.time(1140), prime: true)])
        let schedule = try AirtimeSchedule.draw(
            days: [CalendarDate(year: 2023, month: 7, day: 1)!], channels: [channel], parties: [1], minutes: 10, seed: 7)
        let khmer = String(repeating: "គណបក្សប្រជាជនកម្ពុជា", count: 3)
        let file = schedule.iCalendar(names: [1: khmer], utcOffsetMinutes: 420, calendarName: "Airtime", generatedAt: Date(timeIntervalSince1970: 0))
        #expect(file.contains("DTSTART:20230701T120000Z\r\nDTEND:20230701T121000Z\r\n"), "19:00 in Cambodia is 12:00 UTC")
        #expect(file.contains("SUMMARY:National Radio\\, FM 96: "))
        #expect(file.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        let unfolded = file.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains(khmer), "folding never splits a character")
        #expect(schedule.csv(names: [1: "CPP"]).contains("2023-07-01,\"National Radio, FM 96\",19:00,10,yes,1,CPP"))
    }
}
