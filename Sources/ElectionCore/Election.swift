/// An election as the public knows it: what is elected, when, and how seats are shared.
public struct Election: Sendable, Hashable, Codable {
    /// Stable identifier, e.g. `cambodia-2023`.
    public var id: String
    public var nameEnglish: String
    public var nameKhmer: String
    /// Election day as an ISO date, e.g. `2023-07-23`.
    public var electionDay: CalendarDate
    /// Polling opens, local time, `HH:MM`.
    public var pollsOpen: String
    /// Polling closes, local time, `HH:MM`.
    public var pollsClose: String
    /// Seats in the assembly, shared among the constituencies.
    public var seats: Int
    /// How seats are allocated within a constituency, e.g. `highest-average`.
    public var seatAllocationMethod: String
    /// The youngest age at which a person may vote, on election day.
    public var minimumVotingAge: Int
    /// The youngest age at which a person may stand as a candidate, on election day.
    public var minimumCandidateAge: Int
    /// The citizenship voters must hold, as ISO 3166-1 alpha-3 (e.g. `KHM`).
    public var citizenship: String
    /// The election's local time as minutes east of UTC (Cambodia: 420, UTC+7): when polls close
    /// and which day it is, for the calendar's deadlines.
    public var utcOffsetMinutes: Int
    /// How many reserve candidates a party's list may hold after its titular candidates (as many
    /// titulars as the constituency has seats).
    public var reserveCandidates: ClosedRange<Int>
    /// What is elected, e.g. `national-assembly` or `commune-council`.
    public var kind: String
    /// The threshold and the tie rule the seat allocation follows.
    public var seatRules: SeatRules
    /// When polling stations report how many have voted so far, local `HH:MM` times (Cambodia:
    /// 09:00, 12:00, 15:00); nil or empty: once, at closing. See ``ElectionDaySchedule``.
    public var turnoutTimes: [String]?

    public init(
        id: String, nameEnglish: String, nameKhmer: String, electionDay: CalendarDate,
        pollsOpen: String, pollsClose: String, seats: Int, seatAllocationMethod: String,
        minimumVotingAge: Int, minimumCandidateAge: Int, citizenship: String, utcOffsetMinutes: Int,
        reserveCandidates: ClosedRange<Int>, kind: String = "national-assembly", seatRules: SeatRules = .none,
        turnoutTimes: [String]? = nil
    ) {
        self.id = id
        self.nameEnglish = nameEnglish
        self.nameKhmer = nameKhmer
        self.electionDay = electionDay
        self.pollsOpen = pollsOpen
        self.pollsClose = pollsClose
        self.seats = seats
        self.seatAllocationMethod = seatAllocationMethod
        self.minimumVotingAge = minimumVotingAge
        self.minimumCandidateAge = minimumCandidateAge
        self.citizenship = citizenship
        self.utcOffsetMinutes = utcOffsetMinutes
        self.reserveCandidates = reserveCandidates
        self.kind = kind
        self.seatRules = seatRules
        self.turnoutTimes = turnoutTimes
    }

    /// Whether `id` may name an election: 1 to 64 ASCII letters, digits and hyphens, so that it
    /// can stand in a web address and a file name as it is.
    public static func isWellFormedID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count) && id.utf8.allSatisfy {
            (0x61...0x7a).contains($0) || (0x41...0x5a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id, nameEnglish, nameKhmer, electionDay, pollsOpen, pollsClose, seats, seatAllocationMethod, minimumVotingAge
        case minimumCandidateAge, citizenship, utcOffsetMinutes, reserveCandidates, kind, seatRules, turnoutTimes
    }

    /// Reads an election written before it had a kind as a national assembly's, and one written
    /// before it had seat rules as having none (no threshold, ties reported).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), nameEnglish: try c.decode(String.self, forKey: .nameEnglish),
            nameKhmer: try c.decode(String.self, forKey: .nameKhmer), electionDay: try c.decode(CalendarDate.self, forKey: .electionDay),
            pollsOpen: try c.decode(String.self, forKey: .pollsOpen), pollsClose: try c.decode(String.self, forKey: .pollsClose),
            seats: try c.decode(Int.self, forKey: .seats), seatAllocationMethod: try c.decode(String.self, forKey: .seatAllocationMethod),
            minimumVotingAge: try c.decode(Int.self, forKey: .minimumVotingAge),
            minimumCandidateAge: try c.decode(Int.self, forKey: .minimumCandidateAge),
            citizenship: try c.decode(String.self, forKey: .citizenship), utcOffsetMinutes: try c.decode(Int.self, forKey: .utcOffsetMinutes),
            reserveCandidates: try c.decode(ClosedRange<Int>.self, forKey: .reserveCandidates),
            kind: try c.decodeIfPresent(String.self, forKey: .kind) ?? "national-assembly",
            seatRules: try c.decodeIfPresent(SeatRules.self, forKey: .seatRules) ?? .none,
            turnoutTimes: try c.decodeIfPresent([String].self, forKey: .turnoutTimes))
    }
}
