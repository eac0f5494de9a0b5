import ElectionCore
import Foundation

/// Who submits a candidate list: the party's agent, or the NEC on the party's behalf.
public enum Nominator: Sendable, Hashable {
    case agent(PartyAgent)
    case official(Official)

    /// The name recorded with the submission (and shown with the list): the party's agent, or the official.
    public var name: String {
        switch self {
        case .agent(let agent): agent.name
        case .official(let official): official.name
        }
    }
}

/// The calendar, party registration and candidate lists. Every write asks the domain's rule
/// (``Official/require(_:on:)``, ``PartyAgent/requireOwn(_:)``, ``ElectionCalendar/require(_:openOn:)``)
/// inside its transaction and stores nothing when it refuses.
public protocol NominationStore: Sendable {
    /// The milestones and the deadlines the NEC moved.
    func calendar() async throws -> ElectionCalendar
    /// Moves `milestone`'s last day to `closes`, recording who, when and why.
    func overrideDeadline(_ milestone: Milestone, closes: CalendarDate, reason: String, by official: Official, at: Date) async throws

    /// Every application, newest first.
    func partyApplications() async throws -> [PartyApplication]
    /// Records an application received by the NEC. Throws ``StoreError/duplicate(_:_:)`` for a
    /// name a party or a pending application already has.
    func fileApplication(_ application: PartyApplication, by official: Official, at: Date) async throws -> PartyApplication
    /// Decides a pending application. Registering gives the party the next free number and stores
    /// its agent's code (as `agentCodeDigest`: the code itself is shown once and not kept).
    func decide(application id: Int, _ decision: PartyDecision, agentCodeDigest: String, by official: Official, at: Date) async throws -> PartyApplication
    /// Gives the party a new agent with a new code (stored as `agentCodeDigest`); the party's earlier
    /// codes stop working. For a lost code, or a new agent.
    func replaceAgent(of party: PartyNumber, agentName: String, agentCodeDigest: String, by official: Official, at: Date) async throws
    /// The agent whose code has this digest, if any.
    func partyAgent(codeDigest: String) async throws -> PartyAgent?

    /// Checks a list against the register, the other lists and the election's rules, and stores it
    /// in place of the party's list there (while nominations are open). Throws
    /// ``ElectionCore/NominationProblems`` naming every failure, or a ``Refusal``.
    func submitList(_ list: CandidateListSubmission, by nominator: Nominator, at: Date) async throws -> [Candidate]
    /// Takes the candidate at `position` off a list; those below move up.
    func withdrawCandidate(party: PartyNumber, constituency: ProvinceCode, position: Int, reason: String, by official: Official, at: Date) async throws -> CandidateChange
    /// Puts `nominee` (checked as at submission) in the place of the candidate at `position`.
    func replaceCandidate(
        party: PartyNumber, constituency: ProvinceCode, position: Int, with nominee: Nominee, reason: String, by official: Official, at: Date
    ) async throws -> CandidateChange
    /// The withdrawals and replacements of a list, oldest first.
    func candidateChanges(party: PartyNumber, constituency: ProvinceCode) async throws -> [CandidateChange]
    /// When and by whom the party's list there was last submitted, if it was submitted through Sala.
    func lastSubmission(party: PartyNumber, constituency: ProvinceCode) async throws -> (by: String, at: Date)?

    /// Draws the parties' ballot order from `seed` and records it.
    func drawBallotOrder(seed: UInt64, by official: Official, at: Date) async throws -> BallotDrawRecord
    /// Every draw, oldest first; the newest is the ballot order.
    func ballotDraws() async throws -> [BallotDrawRecord]
}
