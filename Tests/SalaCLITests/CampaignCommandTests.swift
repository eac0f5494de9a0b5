import ElectionTestSupport
import Foundation
import Testing

/// `sala campaign airtime` on the reference election: the campaign's days from its calendar, its
/// 18 registered parties, the same schedule again from the same seed.
@Suite struct CampaignCommandTests {
    @Test func theAirtimeIsEqualAndDrawnAgainFromItsSeed() async throws {
        let db = try await TestDatabases.sqlitePath()
        let arguments = ["campaign", "airtime", "--db", db, "--channel", "TVK=12:00,12:15,19:00*,19:15*", "--channel", "Radio=07:00*,18:00",
                         "--seed", "2023"]
        let first = try SalaCommand.run(arguments)
        #expect(first.status == 0, "\(first.error)")
        let rows = first.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 21 * 6, "21 campaign days of six slots")
        let perParty = Dictionary(grouping: rows.filter { !$0[5].isEmpty }, by: { String($0[5]) }).mapValues(\.count)
        #expect(perParty.count == 18 && Set(perParty.values) == [7], "\(perParty)")
        #expect(try SalaCommand.run(arguments).output == first.output, "the same seed draws the same")
        let calendar = try SalaCommand.run(arguments + ["--format", "ics", "--party", "1"])
        #expect(calendar.output.components(separatedBy: "BEGIN:VEVENT").count - 1 == 7)
        #expect(try SalaCommand.run(arguments + ["--party", "99"]).error.contains("not a registered party"))
        #expect(try SalaCommand.run(["campaign", "airtime", "--db", db, "--channel", "TVK", "--seed", "1"]).error.contains("NAME=HH:MM"))
    }
}
