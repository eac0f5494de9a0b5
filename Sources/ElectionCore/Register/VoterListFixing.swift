import Foundation

/// This election's voter list, fixed from the register once voter registration has closed: the
/// printed lists are read from it, whatever the register (the country's, kept for every
/// election) records afterwards.
public struct VoterListFixing: Sendable, Hashable, Codable {
    /// The day registration closed: the list is the register as it stood when it was fixed after that.
    public var cutOff: CalendarDate
    public var fixedAt: Date
    public var officialName: String
    /// Voters on the fixed list.
    public var voters: Int

    public init(cutOff: CalendarDate, fixedAt: Date, officialName: String, voters: Int) {
        self.cutOff = cutOff
        self.fixedAt = fixedAt
        self.officialName = officialName
        self.voters = voters
    }
}

extension ElectionCalendar {
    /// The day voter registration closes, as the NEC last set it: this election's cut-off.
    public var voterListCutOff: CalendarDate? { window(.voterRegistration)?.upperBound }

    /// Throws a ``Refusal`` unless the voter list may be fixed on `day`: voter registration has
    /// closed (the cut-off is past) and the list is not fixed yet.
    public func requireVoterListFixable(on day: CalendarDate, alreadyFixed: Bool) throws(Refusal) {
        guard let cutOff = voterListCutOff, day > cutOff else {
            throw Refusal(.outsideCalendar, field: Milestone.voterRegistration.rawValue,
                          "the voter list is fixed once voter registration has closed")
        }
        if alreadyFixed { throw Refusal(.wrongState, field: "voter-list", "this election's voter list is fixed already") }
    }
}
