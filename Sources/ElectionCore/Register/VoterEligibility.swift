/// Who may be on the register of an election, and the checks a register line must pass.
public struct VoterEligibility: Sendable {
    /// Election day: age is counted on it.
    public let electionDay: CalendarDate
    /// The youngest age at which a person may vote, on election day.
    public let minimumAge: Int
    /// The citizenship a voter must hold, as written in the file (ISO 3166-1 alpha-3, e.g. `KHM`).
    public let citizenship: String
    /// Older than this on election day is taken for a mistyped year.
    public static let oldestPlausibleAge = 120

    public init(electionDay: CalendarDate, minimumAge: Int, citizenship: String) {
        self.electionDay = electionDay
        self.minimumAge = minimumAge
        self.citizenship = citizenship
    }

    /// Checks one line's fields (in ``RegisterFile/columns`` order) and makes the voter, or names
    /// the first field that is wrong and why. `knownStation` says whether a station code exists.
    public func voter(from fields: [String], knownStation: (StationCode) -> Bool) -> Result<Voter, RowRejection> {
        func refuse(_ field: String, _ code: RowRejection.Code, _ reason: String) -> Result<Voter, RowRejection> {
            .failure(RowRejection(field: field, code: code, reason: reason))
        }
        let numberText = fields[0].trimmed
        guard !numberText.isEmpty else { return refuse("voter_number", .missing, "missing") }
        guard let number = VoterNumber(numberText) else {
            return refuse("voter_number", .voterNumber, "'\(numberText)' is not a voter number (ten digits, the last a check digit)")
        }
        let khmer = fields[1].trimmed, latin = fields[2].trimmed
        guard !khmer.isEmpty else { return refuse("name_km", .missing, "missing") }
        guard khmer.hasLetter else { return refuse("name_km", .noLetters, "'\(khmer)' has no letters") }
        guard !latin.isEmpty else { return refuse("name_latin", .missing, "missing") }
        guard latin.hasLetter else { return refuse("name_latin", .noLetters, "'\(latin)' has no letters") }
        for (field, name) in [("name_km", khmer), ("name_latin", latin)] where NameScript.startsLikeFormula(name) {
            return refuse(field, .formula, "starts with =, +, - or @ (a spreadsheet would run it)")
        }
        guard NameScript.isKhmer(name: khmer) else { return refuse("name_km", .script, "'\(khmer)' is not written in Khmer script") }
        guard NameScript.isLatin(name: latin) else { return refuse("name_latin", .script, "'\(latin)' is not written in Latin letters") }
        let sexText = fields[3].trimmed
        guard let sex = sexText == "F" || sexText == "f" ? Sex.female : sexText == "M" || sexText == "m" ? Sex.male : nil else {
            return refuse("sex", .sex, "'\(fields[3])' is neither F nor M")
        }
        let bornText = fields[4].trimmed
        guard let born = CalendarDate(iso: bornText) else {
            return refuse("date_of_birth", .date, "'\(bornText)' is not a date (YYYY-MM-DD, a day that exists)")
        }
        let age = born.age(on: electionDay)
        guard age >= 0 else { return refuse("date_of_birth", .afterElectionDay, "\(born.iso) is after election day \(electionDay.iso)") }
        guard age >= minimumAge else {
            return refuse("date_of_birth", .underAge, "not eligible: \(age) on election day \(electionDay.iso), under \(minimumAge)")
        }
        guard age <= Self.oldestPlausibleAge else {
            return refuse("date_of_birth", .implausibleAge, "\(born.iso) would make the voter \(age) on election day: check the year")
        }
        let written5 = fields[5].trimmed
        guard let station = StationCode(written5) else {
            return refuse("station_code", .stationCode, "'\(written5)' is not a polling station code (9 digits)")
        }
        guard knownStation(station) else { return refuse("station_code", .unknownStation, "no polling station \(station)") }
        let written = fields[6].trimmed
        let citizenship = written == self.citizenship ? written : written.uppercased()
        guard citizenship == self.citizenship else {
            return refuse("citizenship", citizenship.isEmpty ? .missing : .citizenship, citizenship.isEmpty
                ? "missing (voters must hold \(self.citizenship) citizenship)"
                : "not eligible: citizenship \(citizenship), voters must hold \(self.citizenship)")
        }
        let disqualification = fields[7].trimmed
        guard disqualification.isEmpty else {
            return refuse("disqualification", .disqualified, "not eligible: disqualified (\(disqualification))")
        }
        return .success(Voter(number: number, name: PersonName(khmer: khmer, latin: latin), sex: sex,
                              dateOfBirth: born, stationCode: station))
    }
}

/// Why a line of a register file was not imported: the field and the reason.
public struct RowRejection: Error, Sendable, Hashable {
    /// The kind of fault, for messages in other languages.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case missing, voterNumber = "voter_number", noLetters = "no_letters", sex, date
        case afterElectionDay = "after_election_day", underAge = "under_age", implausibleAge = "implausible_age"
        case stationCode = "station_code", unknownStation = "unknown_station", citizenship, disqualified
        /// A name in the wrong script: Khmer letters only in `name_km`, Latin ones only in `name_latin`.
        case script
        /// A name starting with `=`, `+`, `-` or `@`: a spreadsheet would run it as a formula.
        case formula
    }

    /// The column, as the register file names it.
    public let field: String
    public let code: Code
    /// The reason in English, with the values involved.
    public let reason: String

    public init(field: String, code: Code, reason: String) {
        self.field = field
        self.code = code
        self.reason = reason
    }
}

extension String {
    /// Whether any character is a letter: a name without one has no ``NameKey``.
    fileprivate var hasLetter: Bool { unicodeScalars.contains { $0.properties.isAlphabetic } }

    /// Without leading and trailing spaces and tabs (names are otherwise kept as written).
    fileprivate var trimmed: String {
        // Most fields have nothing to trim: look at the first and last bytes only.
        if let a = utf8.first, let b = utf8.last, a != 0x20, a != 0x09, b != 0x20, b != 0x09 { return self }
        guard let first = firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(self[first...last])
    }
}
