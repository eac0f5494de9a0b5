/// The public registration check's answers held in memory: where each voter number votes, and
/// which voters share a date of birth and a name key, so that a check costs no database query.
///
/// It holds what the check needs and nothing it may not say: voter numbers, stations, dates of
/// birth and 64-bit hashes of the name keys (never the names). The hashes are Swift's `Hasher`
/// (SipHash with a seed drawn for each process), compared only among the voters of one date of
/// birth: two different keys of one date share a hash with odds of about one in 10^16.
///
/// Answers follow ``VoterSearch`` and ``RegistrationAnswer/placement(register:list:listFixed:)``
/// exactly; where the best match would be a name one slip away (``NameMatch/Closeness/near``),
/// which needs the names themselves, the index says ``NameAnswer/askTheRegister``.
///
/// Built once (``Builder``), then kept current with ``applying(_:)`` one voter at a time; a bulk
/// change to the register is a new build.
public struct RegistrationIndex: Sendable {
    /// Voter numbers of the register and of this election's list, ascending.
    private let numbers: [Int]
    /// Each number's station on the register, as a position in ``stations`` (-1: not on it).
    private let registerStations: [Int32]
    /// Each number's station on this election's fixed list (empty until the list is fixed).
    private let listStations: [Int32]
    /// Whether this election's voter list is fixed.
    public let listFixed: Bool
    /// The register's voters ordered by date of birth, then number.
    private let numbersByDate: [Int]
    /// Four name hashes per voter of ``numbersByDate`` (see ``NameHashes``).
    private let hashesByDate: [UInt64]
    /// Where each date of birth's voters are in ``numbersByDate``.
    private let dates: [Int32: Range<Int>]
    /// Station codes the positions name; only ever added to.
    private var stations: StationTable
    /// Voters changed since the build: their state now (nil: no longer on the register).
    private var changed: [Int: Changed?] = [:]
    /// Changed voters by date of birth, for name checks.
    private var changedByDate: [Int32: Set<Int>] = [:]

    /// How many voters the index answers for (register and list together).
    public var count: Int { numbers.count }

    /// Voters changed one at a time since the build; a keeper builds again when there are many.
    public var changedSinceBuild: Int { changed.count }

    /// Approximate bytes the index holds.
    public var approximateBytes: Int {
        numbers.count * 8 + registerStations.count * 4 + listStations.count * 4 + numbersByDate.count * 8
            + hashesByDate.count * 8 + dates.count * 32 + stations.codes.count * 48 + changed.count * 96
    }

    // MARK: Answers

    /// Where voter `number` votes in this election.
    public func placement(of number: VoterNumber) -> RegistrationAnswer.Placement {
        let register: StationCode?, list: StationCode?
        if let now = changed[number.value] {
            register = now.flatMap { code($0.registerStation) }
            list = listAt(number.value)
        } else {
            let position = Self.position(of: number.value, in: numbers)
            register = position.flatMap { code(registerStations[$0]) }
            list = listAt(number.value)
        }
        return RegistrationAnswer.placement(register: register, list: list, listFixed: listFixed)
    }

    /// What the public check by name and date of birth finds, as ``VoterSearch/publicAnswer(_:)``
    /// would over the whole register.
    public func answer(_ search: VoterSearch) -> NameAnswer {
        let typed = search.typed
        guard let born = search.dateOfBirth, !search.toleratesDateSlips else { return .askTheRegister }
        guard !typed.nameKey.isEmpty else { return .notFound }
        let wanted = NameHashes.wanted(typed)
        var exact: [Int] = [], sameSound: [Int] = []
        func consider(_ number: Int, _ hashes: ArraySlice<UInt64>) {
            switch wanted.closeness(hashes) {
            case .exact?: exact.append(number)
            case .sameSound?: sameSound.append(number)
            default: break
            }
        }
        let day = Int32(born.daysSinceEpoch)
        for position in dates[day] ?? 0..<0 {
            let number = numbersByDate[position]
            guard changed[number] == nil else { continue }
            consider(number, hashesByDate[(position * 4)..<(position * 4 + 4)])
        }
        for number in changedByDate[day] ?? [] {
            if let now = changed[number] ?? nil { consider(number, now.hashes[...]) }
        }
        let tier = exact.isEmpty ? sameSound : exact
        switch tier.count {
        case 0: return .askTheRegister
        case 1: return VoterNumber(value: tier[0]).map(NameAnswer.one) ?? .askTheRegister
        default: return .several
        }
    }

    /// What the index says of a check by name.
    public enum NameAnswer: Sendable, Hashable {
        /// One voter in the best tier of matches.
        case one(VoterNumber)
        /// Several voters in the best tier: the voter must search by number.
        case several
        /// No match but one a slip away might be there: only the names can tell.
        case askTheRegister
        /// The typed name has no key at all.
        case notFound
    }

    // MARK: Keeping current

    /// One voter's state on the register now, after a change.
    public enum Change: Sendable {
        /// The voter is on the register (added, or moved) as `entry` says.
        case registered(RegisterEntry)
        /// Voter `number` is no longer on the register.
        case removed(VoterNumber)
    }

    /// The index with one voter's change applied.
    public func applying(_ change: Change) -> RegistrationIndex {
        var next = self
        let number: Int
        let now: Changed?
        switch change {
        case .registered(let entry):
            number = entry.voter.number.value
            now = Changed(registerStation: next.stations.intern(entry.voter.stationCode),
                          day: Int32(entry.voter.dateOfBirth.daysSinceEpoch), hashes: NameHashes.of(entry))
        case .removed(let voter):
            number = voter.value
            now = nil
        }
        if let before = next.changed[number] ?? nil { next.changedByDate[before.day]?.remove(number) }
        next.changed[number] = .some(now)
        if let now { next.changedByDate[now.day, default: []].insert(number) }
        return next
    }

    private struct Changed: Sendable {
        let registerStation: Int32
        let day: Int32
        let hashes: [UInt64]
    }

    private func code(_ position: Int32) -> StationCode? {
        position >= 0 ? stations.codes[Int(position)] : nil
    }

    private func listAt(_ number: Int) -> StationCode? {
        guard listFixed, let position = Self.position(of: number, in: numbers) else { return nil }
        return code(listStations[position])
    }

    private static func position(of number: Int, in sorted: [Int]) -> Int? {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < number { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == number ? low : nil
    }

    // MARK: Building

    /// Builds an index from the register read in ascending voter number, then the fixed list.
    public struct Builder: Sendable {
        private var numbers: [Int] = []
        private var registerStations: [Int32] = []
        private var days: [Int32] = []
        private var hashes: [UInt64] = []
        private var stations = StationTable()
        private var list: [(number: Int, station: Int32)] = []

        public init(expectedVoters: Int = 0) {
            numbers.reserveCapacity(expectedVoters)
            registerStations.reserveCapacity(expectedVoters)
            days.reserveCapacity(expectedVoters)
            hashes.reserveCapacity(expectedVoters * 4)
        }

        /// Adds the register's next voters; numbers must come in ascending order.
        public mutating func addRegister(_ entries: [RegisterEntry]) {
            for entry in entries {
                precondition(numbers.last.map { $0 < entry.voter.number.value } ?? true, "register read out of order")
                numbers.append(entry.voter.number.value)
                registerStations.append(stations.intern(entry.voter.stationCode))
                days.append(Int32(entry.voter.dateOfBirth.daysSinceEpoch))
                hashes.append(contentsOf: NameHashes.of(entry))
            }
        }

        /// Adds the fixed list's next voters and their stations, in ascending number.
        public mutating func addList(_ voters: [(VoterNumber, StationCode)]) {
            for (number, code) in voters { list.append((number.value, stations.intern(code))) }
        }

        /// The index; `listFixed` says whether the list added is this election's fixed list.
        public consuming func build(listFixed: Bool) -> RegistrationIndex {
            // Voters by date of birth (a counting sort: numbers stay ascending within a date), their
            // hashes moved along.
            var dates: [Int32: Range<Int>] = [:]
            var next: [Int32: Int] = [:]
            var start = 0
            for (day, voters) in days.reduce(into: [Int32: Int](), { $0[$1, default: 0] += 1 }).sorted(by: { $0.key < $1.key }) {
                dates[day] = start..<(start + voters)
                next[day] = start
                start += voters
            }
            var byDate = [Int](repeating: 0, count: numbers.count)
            var hashesByDate = [UInt64](repeating: 0, count: hashes.count)
            for voter in numbers.indices {
                let position = next[days[voter]]!
                next[days[voter]] = position + 1
                byDate[position] = numbers[voter]
                for k in 0..<4 { hashesByDate[position * 4 + k] = hashes[voter * 4 + k] }
            }
            hashes = []
            // Register and list numbers together.
            var allNumbers: [Int] = [], allRegisterStations: [Int32] = [], listStations: [Int32] = []
            allNumbers.reserveCapacity(max(numbers.count, list.count))
            var r = 0, l = 0
            while r < numbers.count || l < list.count {
                let fromRegister = l == list.count || (r < numbers.count && numbers[r] <= list[l].number)
                let fromList = r == numbers.count || (l < list.count && list[l].number <= numbers[r])
                let number = fromRegister ? numbers[r] : list[l].number
                allNumbers.append(number)
                allRegisterStations.append(fromRegister ? registerStations[r] : -1)
                if listFixed { listStations.append(fromList ? list[l].station : -1) }
                if fromRegister { r += 1 }
                if fromList { l += 1 }
            }
            return RegistrationIndex(
                numbers: allNumbers, registerStations: allRegisterStations, listStations: listStations,
                listFixed: listFixed, numbersByDate: byDate, hashesByDate: hashesByDate, dates: dates,
                stations: stations)
        }
    }
}

/// Station codes by position, so that each voter holds 4 bytes rather than a code; only ever added to.
struct StationTable: Sendable {
    private(set) var codes: [StationCode] = []
    private var positions: [StationCode: Int32] = [:]

    mutating func intern(_ code: StationCode) -> Int32 {
        if let position = positions[code] { return position }
        let position = Int32(codes.count)
        codes.append(code)
        positions[code] = position
        return position
    }
}

/// The four hashes kept of each voter's names: the Khmer name's key, the Latin name's key, and the
/// Khmer name's sound with its number of words in each script (a same-sound match must have as
/// many words as the name typed, ``NameMatch/Typed/closeness(to:)``).
enum NameHashes {
    static func of(_ entry: RegisterEntry) -> [UInt64] {
        [hash(0, entry.nameKey), hash(1, entry.latinNameKey),
         hash(2, entry.latinKey, words: NameMatch.words(in: entry.voter.name.khmer)),
         hash(3, entry.latinKey, words: NameMatch.words(in: entry.voter.name.latin))]
    }

    static func hash(_ kind: UInt8, _ key: String, words: Int = 0) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(kind)
        hasher.combine(key)
        hasher.combine(words)
        return UInt64(truncatingIfNeeded: hasher.finalize())
    }

    /// What a typed name looks for among a voter's four hashes.
    struct Wanted {
        /// The typed key as a Khmer name's key would hash, and as a Latin name's (Latin typing only).
        let khmerName: UInt64
        let latinName: UInt64?
        /// The same sound in the typed script, with as many words; nil when the name has no sound key.
        let sound: UInt64?

        func closeness(_ hashes: ArraySlice<UInt64>) -> NameMatch.Closeness? {
            let h = hashes.startIndex
            if hashes[h] == khmerName || hashes[h + 1] == latinName { return .exact }
            if let sound, hashes[h + (latinName == nil ? 2 : 3)] == sound { return .sameSound }
            return nil
        }
    }

    static func wanted(_ typed: NameMatch.Typed) -> Wanted {
        Wanted(
            khmerName: hash(0, typed.nameKey), latinName: typed.isLatin ? hash(1, typed.nameKey) : nil,
            sound: typed.latinKey.isEmpty ? nil : hash(typed.isLatin ? 3 : 2, typed.latinKey, words: typed.words))
    }
}
