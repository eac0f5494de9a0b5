import ElectionCore
import Foundation

/// The register as officials keep it: imports of register files, changes with who and when,
/// searches by name, and the queue of likely duplicates.
public protocol RegisterStore: Sendable {
    /// Every polling station code, for checking a register file's lines.
    func pollingStationCodes() async throws -> Set<StationCode>
    /// The stations at least one voter on the register is assigned to.
    func stationsWithVoters() async throws -> Set<StationCode>
    /// The voter with this number. Throws ``StoreError/notFound(_:_:)``.
    func voter(_ number: VoterNumber) async throws -> Voter

    // MARK: Imports

    /// The latest import of a file with this SHA-256, finished or not.
    func registerImport(fileDigest: String) async throws -> RegisterImport?
    /// Records the start of an import.
    func startRegisterImport(fileName: String, fileDigest: String, fileSize: Int64, actor: String, at: Date) async throws -> RegisterImport
    /// Adds a batch of voters in one transaction. A voter whose number is on the register already
    /// is not added: with the same details it counts as already registered, with other details it
    /// is a conflict. Before committing, `recording` is given the outcome and returns the import's
    /// progress, stored in the same transaction, so a resumed import starts where this batch ended.
    func importVoters(
        _ batch: [RegisterEntry], into importID: Int,
        recording: @Sendable (VoterBatchOutcome) async throws -> RegisterImport.Progress
    ) async throws -> VoterBatchOutcome
    /// Drops the register's search indexes for a large import, keeping their definitions with the
    /// import: inserting millions of voters and building each index once at the end is many times
    /// faster than updating the indexes at every batch. Searches are slow until the import finishes.
    func deferRegisterIndexes(during importID: Int) async throws
    /// Marks an import finished, building again any index it deferred.
    func finishRegisterImport(id: Int, at: Date) async throws

    // MARK: Changes

    /// Adds a person to the register. Throws ``StoreError/duplicate(_:_:)`` for a number in use.
    func registerVoter(_ voter: Voter, reason: String, by official: Official, at: Date) async throws -> RegisterChange
    /// Moves a voter to another polling station.
    func moveVoter(_ number: VoterNumber, to stationCode: StationCode, reason: String, by official: Official, at: Date) async throws -> RegisterChange
    /// Takes a voter off the register; the change keeps their details.
    func removeVoter(_ number: VoterNumber, reason: String, by official: Official, at: Date) async throws -> RegisterChange
    /// Fixes this election's voter list: the register as it stands, copied whole, once voter
    /// registration has closed (``ElectionCalendar/requireVoterListFixable(on:alreadyFixed:)``);
    /// from then on ``ElectionStore/voters(atStation:)`` reads the fixed list. Asks ``OfficialAction/fixVoterList``.
    func fixVoterList(by official: Official, at: Date) async throws -> VoterListFixing
    /// When and by whom this election's voter list was fixed, or nil while it follows the register.
    func voterListFixing() async throws -> VoterListFixing?
    /// Every change to this voter's registration, oldest first.
    func registerChanges(voter number: VoterNumber) async throws -> [RegisterChange]

    // MARK: Search

    /// Voters matching the search, ranked (officials; the public check answers through
    /// ``ElectionStore/lookUpRegistration(_:)``, which reveals one station at most).
    func searchVoters(_ search: VoterSearch) async throws -> [VoterMatch]

    // MARK: Duplicates

    /// Groups the whole register by the rule's key and opens a case for every group of two or
    /// more voters that has none yet.
    func findDuplicates(_ rule: DuplicateRule) async throws -> DuplicateScan
    /// Cases, oldest first: undecided ones (no decision, or `unsure`) or all, whose voters are all
    /// within a unit (a case across provinces is the NEC's).
    func duplicateCases(undecidedOnly: Bool, within unit: UnitCode, limit: Int) async throws -> [DuplicateCase]
    func duplicateCase(_ id: Int) async throws -> DuplicateCase
    /// Records a decision (a case may be decided again, e.g. after a field check; every decision is kept).
    func decide(duplicateCase id: Int, _ decision: DuplicateDecision, by official: Official) async throws
}

/// An import of a register file, and how far it got.
public struct RegisterImport: Sendable, Hashable {
    public var id: Int
    public var fileName: String
    public var fileDigest: String
    public var fileSize: Int64
    public var actor: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var progress: Progress

    public init(id: Int, fileName: String, fileDigest: String, fileSize: Int64, actor: String,
                startedAt: Date, finishedAt: Date?, progress: Progress) {
        self.id = id
        self.fileName = fileName
        self.fileDigest = fileDigest
        self.fileSize = fileSize
        self.actor = actor
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.progress = progress
    }

    /// What an import has done so far; stored with every batch.
    public struct Progress: Sendable, Hashable {
        /// Bytes of the file read and settled (a line boundary).
        public var bytesRead: Int64
        /// Lines after the header read and settled.
        public var rows: Int
        public var added: Int
        public var alreadyRegistered: Int
        public var rejected: Int
        /// Size of the rejects file when this progress was recorded.
        public var rejectsBytes: Int64

        public init(bytesRead: Int64 = 0, rows: Int = 0, added: Int = 0, alreadyRegistered: Int = 0,
                    rejected: Int = 0, rejectsBytes: Int64 = 0) {
            self.bytesRead = bytesRead
            self.rows = rows
            self.added = added
            self.alreadyRegistered = alreadyRegistered
            self.rejected = rejected
            self.rejectsBytes = rejectsBytes
        }
    }
}

/// What happened to a batch of voters given to ``RegisterStore/importVoters(_:into:recording:)``.
public struct VoterBatchOutcome: Sendable, Hashable {
    public var added: Int
    /// Positions in the batch of voters already on the register with the same details.
    public var alreadyRegistered: [Int]
    /// Positions in the batch of voters whose number is on the register with other details, and those details.
    public var conflicts: [Conflict]

    public struct Conflict: Sendable, Hashable {
        public var position: Int
        public var registered: Voter

        public init(position: Int, registered: Voter) {
            self.position = position
            self.registered = registered
        }
    }

    public init(added: Int, alreadyRegistered: [Int], conflicts: [Conflict]) {
        self.added = added
        self.alreadyRegistered = alreadyRegistered
        self.conflicts = conflicts
    }
}

/// What a duplicate scan found.
public struct DuplicateScan: Sendable, Hashable {
    public var rule: DuplicateRule
    /// Groups of two or more alike voters on the register.
    public var groups: Int
    /// Voters in those groups.
    public var voters: Int
    /// Cases opened by this scan (groups already queued are not queued again).
    public var newCases: Int

    public init(rule: DuplicateRule, groups: Int, voters: Int, newCases: Int) {
        self.rule = rule
        self.groups = groups
        self.voters = voters
        self.newCases = newCases
    }
}
