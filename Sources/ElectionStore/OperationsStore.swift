import ElectionCore

/// What the server's operators ask of the store: whether the database answers, and how much work
/// waits on people. Both are cheap enough to ask every few seconds.
public protocol OperationsStore: Sendable {
    /// Runs a trivial query; throws when the database cannot answer it (closed, unreachable).
    func checkReachable() async throws
    /// The work waiting on people, counted now.
    func queueDepths() async throws -> QueueDepths
}

/// How much work waits on people, for the server's metrics.
public struct QueueDepths: Sendable, Equatable {
    /// Result forms (every version) not yet accepted, by status: waiting for an entry, a
    /// coordinator's settlement or an acknowledgement. Every status but accepted is listed, 0 where none.
    public var resultForms: [FormStatus: Int]
    /// Complaints whose last step is not a decision (received, heard, or appealed).
    public var complaintsUndecided: Int
    /// Accreditation applications waiting for the NEC or for the organisation (submitted, more information asked).
    public var accreditationApplications: [AccreditationApplication.Status: Int]

    public init(resultForms: [FormStatus: Int], complaintsUndecided: Int, accreditationApplications: [AccreditationApplication.Status: Int]) {
        self.resultForms = resultForms
        self.complaintsUndecided = complaintsUndecided
        self.accreditationApplications = accreditationApplications
    }
}
