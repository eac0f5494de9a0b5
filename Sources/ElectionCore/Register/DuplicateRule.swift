import Foundation

/// Which voters count as likely duplicates: the same name (by ``NameKey`` or by ``LatinKey``),
/// the same date of birth, and optionally the same place. Voters are grouped by that key, so the
/// whole register is checked with one sort rather than by comparing every voter with every other.
public struct DuplicateRule: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum NameComparison: String, Sendable, Hashable, Codable, CaseIterable {
        /// The same name as a reader would see it (``NameKey`` of the Khmer name).
        case exact
        /// The same sounds (``LatinKey``): catches spelling variants, and finds more pairs.
        case sound
    }

    public enum Place: String, Sendable, Hashable, Codable, CaseIterable {
        /// Anywhere in the country: a voter registered twice after moving.
        case anywhere
        /// In the same province.
        case province
        /// In the same commune.
        case commune

        /// Digits of the station code that must agree (0: none).
        public var codePrefixLength: Int {
            switch self {
            case .anywhere: 0
            case .province: 2
            case .commune: 6
            }
        }
    }

    public var name: NameComparison
    public var place: Place

    public init(name: NameComparison = .exact, place: Place = .anywhere) {
        self.name = name
        self.place = place
    }

    /// `name=exact,place=anywhere`: how the rule is written on the command line and stored with each case.
    public var description: String { "name=\(name.rawValue),place=\(place.rawValue)" }

    /// Reads `name=…,place=…` (either part may be left out); nil when a part is not understood.
    public init?(_ text: String) {
        self.init()
        for part in text.split(separator: ",") where !part.isEmpty {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { return nil }
            switch pair[0] {
            case "name": guard let n = NameComparison(rawValue: pair[1]) else { return nil }; name = n
            case "place": guard let p = Place(rawValue: pair[1]) else { return nil }; place = p
            default: return nil
            }
        }
    }
}

/// A group of voters a ``DuplicateRule`` found alike, waiting for an official's decision.
public struct DuplicateCase: Sendable, Hashable, Codable {
    public var id: Int
    public var rule: String
    /// The voters, by voter number.
    public var voters: [Voter]
    public var decision: DuplicateDecision?

    public init(id: Int, rule: String, voters: [Voter], decision: DuplicateDecision?) {
        self.id = id
        self.rule = rule
        self.voters = voters
        self.decision = decision
    }
}

/// What an official decided about a ``DuplicateCase``.
public struct DuplicateDecision: Sendable, Hashable, Codable {
    public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
        /// One person registered more than once: the extra registrations are to be removed.
        case samePerson = "same-person"
        /// Different people who happen to be alike.
        case differentPersons = "different-persons"
        /// Not known from the register: someone must check in the field.
        case unsure
    }

    public var verdict: Verdict
    public var note: String
    public var official: String
    public var at: Date

    public init(verdict: Verdict, note: String, official: String, at: Date) {
        self.verdict = verdict
        self.note = note
        self.official = official
        self.at = at
    }
}
