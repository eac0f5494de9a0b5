/// What `sala audit verify` found: how long the audit chain is, its head (to be kept outside the
/// database), and where it does not hold.
public struct AuditVerdict: Sendable, Hashable {
    public struct Problem: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            /// The entry's fields are not the ones its hash was made of.
            case edited
            /// No entry holds this position: it was deleted.
            case removed
            /// The entry does not follow the one before it: moved, or one before it was removed or rewritten.
            case outOfOrder = "out-of-order"
        }
        public var position: Int
        public var kind: Kind
        public init(position: Int, kind: Kind) {
            self.position = position
            self.kind = kind
        }
    }
    public var entries: Int
    /// The last entry's hash: what a later verification must find again (or find followed by more).
    public var head: String
    /// Changes written but not yet sealed (a write outside the store's transactions).
    public var unsealed: Int
    /// The first problems found, in order (at most 20).
    public var problems: [Problem]
    public var holds: Bool { problems.isEmpty }

    public init(entries: Int, head: String, unsealed: Int, problems: [Problem]) {
        self.entries = entries
        self.head = head
        self.unsealed = unsealed
        self.problems = problems
    }
}
