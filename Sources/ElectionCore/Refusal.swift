/// Why the domain refused what someone asked. Nothing is stored when it does.
public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// The unit (a station, a province, a voter's station) is not within the official's unit.
        case outsideUnit = "outside-unit"
        /// The official's role (or the mission member's place in the mission) does not allow the action.
        case roleMayNot = "role-may-not"
        /// The observer is not a member of the mission they act for.
        case otherMission = "other-mission"
        /// The action names a version that is not the station's latest.
        case staleVersion = "stale-version"
        /// The thing is not in a state where this action applies.
        case wrongState = "wrong-state"
        /// A confirmation of a count that is not complete: a station without an accepted form, or
        /// (for the nation) a province not confirmed yet.
        case countIncomplete = "count-incomplete"
        /// The change would change nothing: it is so already.
        case noChange = "no-change"
        /// This official already entered this version; the second entry must be someone else's.
        case sameOfficial = "same-official"
        /// The figures fail error checks: the paper form must be corrected first.
        case failedChecks = "failed-checks"
        /// The action needs a reason.
        case reasonRequired = "reason-required"
        /// The calendar does not allow it today (a deadline passed, or the step has not begun).
        case outsideCalendar = "outside-calendar"
        /// Something still depends on it (a station with voters, history, results or observers' records;
        /// a commune with stations or accounts).
        case inUse = "in-use"
        /// The code is taken: a unit has it, or had it before it was retired (codes are not given again).
        case codeTaken = "code-taken"
    }

    public var reason: Reason
    /// The field concerned, when there is one.
    public var field: String?
    /// The error checks failed (for ``Reason/failedChecks``).
    public var checks: [String]
    /// For each failed check, the form's figures that break it (``FormCheck/figures(_:_:)``), so
    /// that every page and the API can state the problem, not only the rule.
    public var figures: [String: [String: FormCheck.Figure]]
    /// English explanation; pages translate by ``reason`` and ``checks``.
    public var message: String

    public init(
        _ reason: Reason, field: String? = nil, checks: [String] = [], figures: [String: [String: FormCheck.Figure]] = [:], _ message: String
    ) {
        self.reason = reason
        self.field = field
        self.checks = checks
        self.figures = figures
        self.message = message
    }

    public var description: String { message }
}
