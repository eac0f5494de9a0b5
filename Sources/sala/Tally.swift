import ArgumentParser
import ElectionCore
import ElectionStore
import Foundation

/// `sala tally`: the results as they stand at one level.
struct Tally: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print totals, turnout, seats and elected members.",
        discussion: """
            national: the nation and every province with its seats; province: one province (--code) with its seats \
            and elected members; commune or station: one unit's totals (--code).
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "national, province, commune or station.") var level = "national"
    @Option(help: "Province, commune or station code (for those levels).") var code: String?
    @Flag(help: "Print JSON.") var json = false

    struct Output: Encodable {
        struct Line: Encodable {
            var party: String
            var votes: Int
            var seats: Int?
        }
        struct Unit: Encodable {
            var code: String
            var name: String?
            var status: String
            var stationsReported: Int
            var stationsTotal: Int
            var registeredVoters: Int
            var ballotsCast: Int
            var validVotes: Int
            var invalidBallots: Int
            var turnoutPercent: String
            var invalidPercent: String
            var parties: [Line]
            var tie: SeatTie?
            var elected: [String]?
        }
        var level: String
        var units: [Unit]
    }

    func validate() throws {
        guard let parsed = ResultLevel(rawValue: level) else {
            throw ValidationError("--level must be national, province, commune or station, not '\(level)'.")
        }
        if parsed == .national, code != nil { throw ValidationError("--code is not used with --level national.") }
        if parsed != .national {
            guard let code, UnitCode(level: parsed, code: code) != nil else {
                throw ValidationError("--code must be a \(parsed.codeLength)-digit \(level) code for --level \(level).")
            }
        }
    }

    func run() async throws {
        let parsed = ResultLevel(rawValue: level)!
        let output = try await store.withStore { db in try await tally(db, parsed) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            FileHandle.standardOutput.write(try encoder.encode(output) + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(Self.text(output).utf8))
        }
    }

    private func tally(_ db: some ElectionStore & ResultStore, _ parsed: ResultLevel) async throws -> Output {
        let parties = try await db.parties()
        let names = Dictionary(uniqueKeysWithValues: parties.map { ($0.id, $0.nameEnglish) })
        func unit(_ t: ResultTotals, name: String?, seats: [PartyNumber: Int]? = nil, tie: SeatTie? = nil, elected: [Candidate]? = nil) -> Output.Unit {
            Output.Unit(
                code: t.code.rawValue, name: name, status: t.isOfficial ? "official" : "provisional",
                stationsReported: t.stationsReported, stationsTotal: t.stationsTotal,
                registeredVoters: t.counts.registeredVoters, ballotsCast: t.counts.ballotsInBox, validVotes: t.counts.validVotes,
                invalidBallots: t.counts.invalidBallots, turnoutPercent: t.turnout.percent(decimals: 2),
                invalidPercent: t.invalidShare.percent(decimals: 2),
                parties: t.counts.votes.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { line in
                    Output.Line(party: names[line.key] ?? line.key.description, votes: line.value, seats: seats.map { $0[line.key] ?? 0 })
                },
                tie: tie, elected: elected?.map { "\(names[$0.partyID] ?? "") #\($0.listPosition): \($0.name.latin)" })
        }
        switch parsed {
        case .national, .province:
            let report = try await db.resultsReport()
            if parsed == .national {
                var units = [unit(report.national, name: report.election.nameEnglish, seats: report.seatsByParty)]
                units += report.constituencies.map { unit($0.totals, name: $0.constituency.nameEnglish, seats: $0.seats, tie: $0.tie) }
                return Output(level: level, units: units)
            }
            guard let c = report.constituencies.first(where: { $0.constituency.id.rawValue == code }) else {
                throw StoreError.notFound("province", code ?? "")
            }
            return Output(level: level, units: [unit(c.totals, name: c.constituency.nameEnglish, seats: c.seats, tie: c.tie, elected: c.elected)])
        case .commune, .station:
            guard let within = UnitCode(level: parsed, code: code ?? ""),
                  let totals = try await db.resultTotals(level: parsed, within: within).first else {
                throw StoreError.notFound(level, code ?? "")
            }
            let name = switch within {
            case .commune(let commune): try await db.commune(commune).nameEnglish
            case .station(let station): try await db.pollingStation(station).nameEnglish
            case .nation, .province: ""
            }
            return Output(level: level, units: [unit(totals, name: name)])
        }
    }

    static func text(_ output: Output) -> String {
        var lines: [String] = []
        for u in output.units {
            lines.append("\(u.code.isEmpty ? "" : u.code + " ")\(u.name ?? "") (\(u.status), \(Numerals.grouped(u.stationsReported))/\(Numerals.grouped(u.stationsTotal)) stations)")
            lines.append("  registered \(Numerals.grouped(u.registeredVoters)), cast \(Numerals.grouped(u.ballotsCast)) (turnout \(u.turnoutPercent)%), valid \(Numerals.grouped(u.validVotes)), invalid \(Numerals.grouped(u.invalidBallots)) (\(u.invalidPercent)%)")
            for line in u.parties where line.votes > 0 || (line.seats ?? 0) > 0 {
                lines.append("  \(line.party): \(Numerals.grouped(line.votes))\(line.seats.map { ", \($0) seats" } ?? "")")
            }
            if let tie = u.tie { lines.append("  TIE: \(tie.seats) seats need a drawing of lots among parties \(tie.parties)") }
            for member in u.elected ?? [] { lines.append("  elected: \(member)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
