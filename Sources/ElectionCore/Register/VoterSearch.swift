/// A search of the register by name and date of birth, as the public check and officials make it.
///
/// The register is narrowed by date of birth (or, for an official's search without one, by the
/// name's ``LatinKey``) and every voter found is ranked by ``NameMatch``: exact name first, then
/// the same sound, then a name one typing slip away.
public struct VoterSearch: Sendable, Hashable {
    /// The name as typed, in Khmer script or Latin letters.
    public let name: String
    /// The date of birth; officials may search without one.
    public let dateOfBirth: CalendarDate?
    /// Whether to look at the dates a date of birth is commonly mistyped as (officials only).
    public let toleratesDateSlips: Bool
    /// Most matches returned.
    public let limit: Int
    /// The typed name's keys.
    public let typed: NameMatch.Typed

    public init(name: String, dateOfBirth: CalendarDate?, toleratesDateSlips: Bool = false, limit: Int = 20) {
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.toleratesDateSlips = toleratesDateSlips
        self.limit = limit
        typed = NameMatch.Typed(name)
    }

    /// The dates of birth to look at: the one given and, tolerating slips, day and month swapped,
    /// a day either side, and the same day a year either side.
    public var dates: [CalendarDate] {
        guard let born = dateOfBirth else { return [] }
        guard toleratesDateSlips else { return [born] }
        var dates = [born]
        func add(_ date: CalendarDate?) { if let date, !dates.contains(date) { dates.append(date) } }
        add(CalendarDate(year: born.year, month: born.day, day: born.month))
        add(CalendarDate(daysSinceEpoch: born.daysSinceEpoch - 1))
        add(CalendarDate(daysSinceEpoch: born.daysSinceEpoch + 1))
        add(CalendarDate(year: born.year - 1, month: born.month, day: born.day))
        add(CalendarDate(year: born.year + 1, month: born.month, day: born.day))
        return dates
    }

    /// Ranks the voters a store found for this search, best first, at most ``limit``.
    public func ranked(_ found: [RegisterEntry]) -> [VoterMatch] {
        var matches: [VoterMatch] = []
        for entry in found {
            guard let closeness = typed.closeness(to: entry) else { continue }
            let dateExact = dateOfBirth == nil || entry.voter.dateOfBirth == dateOfBirth
            matches.append(VoterMatch(voter: entry.voter, closeness: closeness, dateOfBirthExact: dateExact))
        }
        matches.sort {
            ($0.closeness, $0.dateOfBirthExact ? 0 : 1, $0.voter.number.value)
                < ($1.closeness, $1.dateOfBirthExact ? 0 : 1, $1.voter.number.value)
        }
        return Array(matches.prefix(limit))
    }

    /// What the public check may say: the station of the one voter in the best tier of exact-date
    /// matches, or that there is none or more than one.
    public func publicAnswer(_ matches: [VoterMatch]) -> PublicAnswer {
        let exact = matches.filter(\.dateOfBirthExact)
        guard let best = exact.first else { return .notFound }
        let tier = exact.filter { $0.closeness == best.closeness }
        return tier.count == 1 ? .one(best.voter) : .several
    }

    /// The public check's answer before it is turned into a station.
    public enum PublicAnswer: Sendable, Equatable {
        case one(Voter)
        case several
        case notFound
    }
}

/// A voter found by a ``VoterSearch`` and how close the name is.
public struct VoterMatch: Sendable, Hashable, Codable {
    public let voter: Voter
    public let closeness: NameMatch.Closeness
    public let dateOfBirthExact: Bool
}

/// How a typed name is compared with a name on the register.
public enum NameMatch {
    /// How close a name on the register is to the typed one, best first.
    public enum Closeness: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
        /// The same ``NameKey`` as the Khmer name or the Latin name on the register.
        case exact = "exact"
        /// The same ``LatinKey``: another spelling of the same sounds.
        case sameSound = "same-sound"
        /// One slip away: a letter missing, added, changed or two neighbours swapped (names of five
        /// letters or more).
        case near = "near"

        public static func < (a: Closeness, b: Closeness) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// A typed name with its keys worked out once.
    public struct Typed: Sendable, Hashable {
        public let nameKey: String
        public let latinKey: String
        let nameScalars: [Unicode.Scalar]
        /// Whether the name was typed in Latin letters (compared with the register's Latin names).
        let isLatin: Bool
        /// Words typed: a name that is not exact must have as many words as the name on the
        /// register in the same script, so that part of a name (the given name alone) is never
        /// taken for the whole.
        let words: Int

        public init(_ name: String) {
            nameKey = NameKey.of(name)
            latinKey = LatinKey.of(name)
            nameScalars = Array(nameKey.unicodeScalars)
            isLatin = !name.unicodeScalars.contains { (0x1780...0x17FF).contains($0.value) }
            words = NameMatch.words(in: name)
        }

        /// How close `entry`'s name is, or nil when it is not a match at all.
        public func closeness(to entry: RegisterEntry) -> Closeness? {
            guard !nameKey.isEmpty else { return nil }
            if nameKey == entry.nameKey || (isLatin && nameKey == entry.latinNameKey) { return .exact }
            guard words == NameMatch.words(in: isLatin ? entry.voter.name.latin : entry.voter.name.khmer) else { return nil }
            if !latinKey.isEmpty && latinKey == entry.latinKey { return .sameSound }
            let other = isLatin ? Array(entry.latinNameKey.unicodeScalars) : Array(entry.nameKey.unicodeScalars)
            // Short names are too easily one slip from another name to count as near.
            if nameScalars.count >= 5 && NameMatch.withinOneSlip(nameScalars, other) { return .near }
            return nil
        }
    }

    /// Words of a name: runs of characters between spaces, hyphens and zero-width spaces.
    static func words(in name: String) -> Int {
        var count = 0, inWord = false
        for s in name.unicodeScalars {
            let separator = s == " " || s == "-" || s == "\u{200B}" || s == "\t"
            if !separator && !inWord { count += 1 }
            inWord = !separator
        }
        return count
    }

    /// Whether `a` becomes `b` by at most one insertion, deletion, substitution or swap of neighbours.
    static func withinOneSlip<T: Equatable>(_ a: [T], _ b: [T]) -> Bool {
        if abs(a.count - b.count) > 1 { return false }
        var i = 0
        while i < a.count && i < b.count && a[i] == b[i] { i += 1 }
        if i == a.count && i == b.count { return true }
        let restA = a.count - i, restB = b.count - i
        if restA == restB {
            // substitution, or a swap of neighbours
            if a[(i + 1)...] == b[(i + 1)...] { return true }
            return restA >= 2 && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
        }
        return restA > restB ? a[(i + 1)...] == b[i...] : a[i...] == b[(i + 1)...]
    }
}
