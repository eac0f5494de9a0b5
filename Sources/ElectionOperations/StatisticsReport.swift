import ElectionCore

/// A database's headline counts as an aligned two-column table: a label, then the count.
public struct StatisticsReport: Sendable {
    public let statistics: ElectionStatistics

    /// The table of `statistics`.
    public init(_ statistics: ElectionStatistics) {
        self.statistics = statistics
    }

    /// The table, one count a line, without a final line break.
    public var text: String {
        let s = statistics
        let members = s.commissionMembers
        let rows: [(String, Int)] = [
            ("provinces", s.provinces),
            ("communes", s.communes),
            ("polling stations", s.pollingStations),
            ("commission members, national", members["national"] ?? 0),
            ("commission members, provincial", members["provincial"] ?? 0),
            ("commission members, commune", members["commune"] ?? 0),
            ("commission members, polling station", members["polling-station"] ?? 0),
            ("registered voters", s.registeredVoters),
            ("voters on the register", s.votersOnRegister ?? 0),
            ("parties", s.parties),
            ("candidates", s.candidates),
            ("women candidates", s.womenCandidates),
            ("seats", s.seats),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, value in
            label + String(repeating: " ", count: width - label.count + 2) + Numerals.grouped(value)
        }.joined(separator: "\n")
    }
}
