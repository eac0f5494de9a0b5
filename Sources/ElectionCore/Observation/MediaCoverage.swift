/// What a mission's media monitors recorded of one outlet's coverage of one party on one day:
/// broadcast seconds or printed column space, and its tone.
public struct MediaCoverage: Sendable, Hashable, Codable {
    public enum Tone: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
        case positive, neutral, negative
    }

    public var missionID: MissionID
    public var outlet: String
    public var day: CalendarDate
    public var party: PartyNumber
    /// Broadcast time, for television and radio.
    public var seconds: Int
    /// Column space in square centimetres, for print and online.
    public var columnSpace: Int
    public var tone: Tone
    /// Made by the monitor's phone, so that a retry is stored once; nil for items entered otherwise.
    public var submissionID: String?
    /// The mission member (seat) who recorded it, when known; kept by the store, not published.
    public var recordedBy: Int?

    public init(
        missionID: MissionID, outlet: String, day: CalendarDate, party: PartyNumber, seconds: Int, columnSpace: Int, tone: Tone,
        submissionID: String? = nil, recordedBy: Int? = nil
    ) {
        self.missionID = missionID
        self.outlet = outlet
        self.day = day
        self.party = party
        self.seconds = seconds
        self.columnSpace = columnSpace
        self.tone = tone
        self.submissionID = submissionID
        self.recordedBy = recordedBy
    }

    /// The phone's identifier and who recorded it stay out of what is published, as for incidents.
    private enum CodingKeys: String, CodingKey {
        case missionID, outlet, day, party, seconds, columnSpace, tone
    }
}

/// Coverage added up by party, for the mission's report: every figure a sum of what was recorded.
public struct CoverageSummary: Sendable, Hashable, Codable {
    public struct Line: Sendable, Hashable, Codable {
        public var party: PartyNumber
        public var seconds: Int
        public var columnSpace: Int
        public var items: [MediaCoverage.Tone: Int]
        public var outlets: Int
    }

    /// One outlet's coverage of one party.
    public struct OutletLine: Sendable, Hashable, Codable {
        public var outlet: String
        public var line: Line
    }

    /// One line per party covered, most broadcast time first.
    public var lines: [Line]
    public var outlets: Int
    /// The same for each outlet: outlets in name order, then parties as in ``lines``. Nil in
    /// reports kept before outlets were shown.
    public var byOutlet: [OutletLine]?

    public init(_ coverage: [MediaCoverage]) {
        lines = Self.lines(coverage)
        outlets = Set(coverage.map(\.outlet)).count
        byOutlet = Dictionary(grouping: coverage, by: \.outlet).sorted { $0.key < $1.key }.flatMap { outlet, items in
            Self.lines(items).map { OutletLine(outlet: outlet, line: $0) }
        }
    }

    private static func lines(_ coverage: [MediaCoverage]) -> [Line] {
        Dictionary(grouping: coverage, by: \.party).map { party, items in
            Line(party: party, seconds: items.map(\.seconds).reduce(0, +), columnSpace: items.map(\.columnSpace).reduce(0, +),
                 items: Dictionary(grouping: items, by: \.tone).mapValues(\.count), outlets: Set(items.map(\.outlet)).count)
        }.sorted { ($0.seconds, $0.columnSpace, $1.party) > ($1.seconds, $1.columnSpace, $0.party) }
    }
}
