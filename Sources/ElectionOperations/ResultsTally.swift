import ElectionCore
import ElectionStore
import Foundation

/// The results as they stand at one level: totals, turnout, seats and elected members of the
/// nation and its provinces, of one province, or of one commune or station. What `sala tally`
/// prints, as text or as JSON.
public struct ResultsTally: Encodable, Sendable {
    /// A party's votes, and its seats where seats are shared out.
    public struct Line: Encodable, Sendable {
        public var party: String
        public var votes: Int
        public var seats: Int?
    }
    /// One unit's totals.
    public struct Unit: Encodable, Sendable {
        public var code: String
        public var name: String?
        public var status: String
        public var stationsReported: Int
        public var stationsTotal: Int
        public var registeredVoters: Int
        public var ballotsCast: Int
        public var validVotes: Int
        public var invalidBallots: Int
        public var turnoutPercent: String
        public var invalidPercent: String
        public var parties: [Line]
        public var tie: SeatTie?
        public var elected: [String]?
    }
    /// national, province, commune or station.
    public var level: String
    /// The nation then its provinces (national), or the one unit asked for.
    public var units: [Unit]

    /// The tally of `level` (`code` names the province, commune or station; none for the nation),
    /// read from `db`. Throws ``StoreError/notFound(_:_:)`` for a code that names no unit with results.
    public static func read(_ db: some ElectionStore & ResultStore, level parsed: ResultLevel, code: String?) async throws -> ResultsTally {
        let level = parsed.rawValue
        let parties = try await db.parties()
        let names = Dictionary(uniqueKeysWithValues: parties.map { ($0.id, $0.nameEnglish) })
        func unit(_ t: ResultTotals, name: String?, seats: [PartyNumber: Int]? = nil, tie: SeatTie? = nil, elected: [ElectedMember]? = nil) -> Unit {
            Unit(
                code: t.code.rawValue, name: name, status: t.isOfficial ? "official" : "provisional",
                stationsReported: t.stationsReported, stationsTotal: t.stationsTotal,
                registeredVoters: t.counts.registeredVoters, ballotsCast: t.counts.ballotsInBox, validVotes: t.counts.validVotes,
                invalidBallots: t.counts.invalidBallots, turnoutPercent: t.turnout.percent(decimals: 2),
                invalidPercent: t.invalidShare.percent(decimals: 2),
                parties: t.counts.votes.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { line in
                    Line(party: names[line.key] ?? line.key.description, votes: line.value, seats: seats.map { $0[line.key] ?? 0 })
                },
                tie: tie, elected: elected?.map { "\(names[$0.partyID] ?? "") #\($0.listPosition): \($0.name.latin)" })
        }
        switch parsed {
        case .national, .province:
            let report = try await db.resultsReport()
            if parsed == .national {
                var units = [unit(report.national, name: report.election.nameEnglish, seats: report.seatsByParty)]
                units += report.constituencies.map { unit($0.totals, name: $0.constituency.nameEnglish, seats: $0.seats, tie: $0.tie) }
                return ResultsTally(level: level, units: units)
            }
            guard let c = report.constituencies.first(where: { $0.constituency.id.rawValue == code }) else {
                throw StoreError.notFound("province", code ?? "")
            }
            return ResultsTally(level: level, units: [unit(c.totals, name: c.constituency.nameEnglish, seats: c.seats, tie: c.tie, elected: c.elected)])
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
            return ResultsTally(level: level, units: [unit(totals, name: name)])
        }
    }

    /// The tally as the lines `sala tally` prints: a unit's status and totals, then its parties.
    public var text: String {
        var lines: [String] = []
        for u in units {
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
