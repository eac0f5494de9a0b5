import ArgumentParser
import ElectionCore
import ElectionStore
import Foundation

/// `sala campaign`: the campaign's equal airtime.
struct Campaign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The campaign: the parties' equal airtime on public television and radio.", subcommands: [Airtime.self])

    struct Airtime: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw the parties' airtime over the campaign's days from a seed, as CSV or iCalendar.",
            discussion: """
                The days are the calendar's campaign milestone; the parties are the registered ones. Each \
                --channel is NAME=HH:MM,HH:MM*,… (a * marks a prime slot). Every party gets the same number \
                of slots, and of each channel's prime and other slots the parties' counts differ by at most \
                one; slots that do not divide equally are left to the NEC's voter information. The same seed, \
                channels, days and parties always draw the same schedule: publish the seed so anyone can \
                draw it again.
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: "A channel and its daily slots: NAME=HH:MM,HH:MM*,… (* prime).") var channel: [String]
        @Option(help: "Minutes of every slot.") var minutes = 10
        @Option(help: "The seed of the draw.") var seed: UInt64
        @Option(help: "csv or ics.") var format = "csv"
        @Option(help: "Only this party's broadcasts (its ballot number).") var party: Int?
        @Option(help: "Write here (standard output when absent).") var out: String?
        @Flag(help: "Publish it: the site then shows it, and a party's agent their own (needs --official).") var publish = false
        @Option(help: "The NEC administrator's account name, to publish.") var official: String?
        @Option(help: "Why the published airtime changes (required after the first publication).") var reason = ""

        func run() async throws {
            guard format == "csv" || format == "ics" else { throw ValidationError("--format must be csv or ics, not '\(format)'.") }
            let channels = try channel.map(Self.channel)
            let (election, window, parties) = try await store.withStore { db in
                (try await db.election(), try await db.calendar().window(.campaign), try await db.parties())
            }
            guard let window else { throw ValidationError("The election's calendar has no campaign: set it first (sala election calendar).") }
            let days = window.days
            let schedule: AirtimeSchedule
            do {
                schedule = try AirtimeSchedule.draw(days: days, channels: channels, parties: parties.map(\.id), minutes: minutes, seed: seed)
            } catch {
                throw ValidationError("The airtime cannot be drawn: \(error).")
            }
            let only = try party.map { number -> PartyNumber in
                guard let n = PartyNumber(rawValue: number), schedule.parties.contains(n) else { throw ValidationError("--party \(number) is not a registered party.") }
                return n
            }
            if publish {
                guard let official else { throw ValidationError("--publish needs --official, an NEC administrator's account.") }
                let draw = AirtimeDraw(seed: seed, minutes: minutes, channels: channels, parties: parties.map(\.id))
                let publication = try await store.withStore { db -> AirtimePublication in
                    guard let account = try await db.officialAccount(named: official) else { throw ValidationError("There is no account named \(official).") }
                    return try await db.publishAirtime(draw, reason: reason, by: account.official, at: Date())
                }
                announce("Published the airtime (publication \(publication.number)): /en/campaign/airtime.")
                return
            }
            let names = Dictionary(uniqueKeysWithValues: parties.map { ($0.id, $0.nameEnglish) })
            let text = format == "ics"
                ? schedule.iCalendar(of: only, names: names, utcOffsetMinutes: election.utcOffsetMinutes,
                                     calendarName: "\(election.nameEnglish): airtime", generatedAt: Date())
                : schedule.csv(of: only, names: names)
            if let out { try text.write(toFile: out, atomically: true, encoding: .utf8) } else { FileHandle.standardOutput.write(Data(text.utf8)) }
        }

        /// `NAME=HH:MM,HH:MM*` read as a channel.
        static func channel(_ text: String) throws -> AirtimeChannel {
            let parts = text.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--channel must be NAME=HH:MM,HH:MM*,…, not '\(text)'.")
            }
            let slots = try parts[1].split(separator: ",").map { slot -> AirtimeChannel.Slot in
                let prime = slot.hasSuffix("*")
                guard let start = ClockTime(String(prime ? slot.dropLast() : slot).trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--channel \(parts[0]): '\(slot)' is not a time HH:MM.")
                }
                return AirtimeChannel.Slot(start: start, prime: prime)
            }
            return AirtimeChannel(name: parts[0].trimmingCharacters(in: .whitespaces), slots: slots)
        }
    }
}
