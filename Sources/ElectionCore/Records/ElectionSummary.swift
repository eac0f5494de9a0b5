/// One line about an election a database holds: the current one, administered in full, or one
/// before it kept as the record of its published figures.
public struct ElectionSummary: Sendable, Hashable, Codable {
    public var id: String
    public var nameEnglish: String
    public var nameKhmer: String
    /// What is elected, e.g. `national-assembly`.
    public var kind: String
    public var electionDay: CalendarDate
    public var seats: Int
    /// Whether this is the election the database administers (stations, forms, commissions).
    public var current: Bool
    /// A record's status; nil for the current election, whose results pages say how far the count is.
    public var status: ElectionRecord.Status?

    public init(_ election: Election) {
        id = election.id
        nameEnglish = election.nameEnglish
        nameKhmer = election.nameKhmer
        kind = election.kind
        electionDay = election.electionDay
        seats = election.seats
        current = true
        status = nil
    }

    public init(_ record: ElectionRecord) {
        let e = record.election
        id = e.id
        nameEnglish = e.nameEnglish
        nameKhmer = e.nameKhmer
        kind = e.kind
        electionDay = e.electionDay
        seats = e.seats
        current = false
        status = record.status
    }
}
