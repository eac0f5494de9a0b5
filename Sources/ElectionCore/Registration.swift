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

/// A question a member of the public asks about their own registration.
public enum RegistrationQuestion: Sendable, Hashable {
    case byNumber(VoterNumber)
    /// The full name, in Khmer script or Latin letters, and the date of birth.
    case byName(String, dateOfBirth: CalendarDate)
}
