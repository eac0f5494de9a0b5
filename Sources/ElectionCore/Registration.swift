/// What the public registration check may say about one voter: where they vote, and nothing more.
public enum RegistrationAnswer: Sendable, Hashable {
    /// Exactly one voter matches: their polling station.
    case registered(PollingStation)
    /// No voter matches.
    case notFound
    /// Several voters share the name and date of birth: the voter must search by voter number.
    case ambiguous
    /// The voter is on the register but registered after this election's voter list was fixed:
    /// they vote from the next election.
    case nextElection
}

extension RegistrationAnswer {
    /// Where a voter votes in this election, from where the register places them now and where
    /// this election's voter list placed them (nil where they are not on it): before the list is
    /// fixed, the register's station; once it is fixed, the list's, and a voter on the register
    /// but not on the list votes from the next election.
    public static func placement(register: StationCode?, list: StationCode?, listFixed: Bool) -> Placement {
        guard listFixed else { return register.map(Placement.station) ?? .notFound }
        if let list { return .station(list) }
        return register == nil ? .notFound : .nextElection
    }

    /// A voter's place in this election, before the station is looked up.
    public enum Placement: Sendable, Hashable {
        case station(StationCode)
        case nextElection
        case notFound
    }
}

/// A question a member of the public asks about their own registration.
public enum RegistrationQuestion: Sendable, Hashable {
    case byNumber(VoterNumber)
    /// The full name, in Khmer script or Latin letters, and the date of birth.
    case byName(String, dateOfBirth: CalendarDate)
}
