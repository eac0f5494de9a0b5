import ElectionCore

/// The small values people type into forms, query strings and the command line: each piece of
/// the input (the whole, and each line) is read by every parser, and whatever reads is written
/// again and must read back the same.
enum FieldsFuzz {
    static func run(_ bytes: [UInt8]) throws(FuzzFinding) {
        let text = String(decoding: bytes, as: UTF8.self)
        for piece in [text] + text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            try read(piece)
        }
    }

    static func read(_ text: String) throws(FuzzFinding) {
        if let date = CalendarDate(iso: text) {
            try require(date.iso == text, "the date \(text) is written \(date.iso)")
            try require(CalendarDate(daysSinceEpoch: date.daysSinceEpoch) == date, "\(text) does not survive counting its days")
        }
        if let time = ClockTime(text) {
            try require(ClockTime(time.description) == time, "the time \(text) is written \(time) and reads otherwise")
        }
        if let number = VoterNumber(text) {
            try require(VoterNumber(number.description) == number, "the voter number \(text) is written \(number) and reads otherwise")
        }
        if let party = PartyNumber(text) {
            try require(PartyNumber(party.description) == party, "the party \(text) is written \(party) and reads otherwise")
        }
        if let publication = PublicationNumber(text) {
            try require(PublicationNumber(publication.description) == publication, "publication \(text) reads otherwise written")
        }
        if let unit = UnitCode(rawValue: text) {
            try require(unit.rawValue == text, "the unit \(text) is written \(unit.rawValue)")
            for level in ResultLevel.allCases {
                _ = UnitCode(level: level, code: text)
            }
        }
        if let station = StationCode(text) {
            try require(station.commune.contains(station) && station.province.contains(station.commune),
                        "the station \(text) is not inside its commune and province")
            _ = station.number
        }
        if let rule = DuplicateRule(text) {
            try require(DuplicateRule(rule.description) == rule, "the duplicate rule \(text) is written \(rule) and reads otherwise")
        }
        if let rational = Rational(text) {
            try require(rational.denominator > 0, "\(text) read with denominator \(rational.denominator)")
            try require(Rational(rational.description) == rational, "the fraction \(text) is written \(rational) and reads otherwise")
        }
        if let reference = ComplaintReference.normalized(text) {
            try require(ComplaintReference.normalized(reference) == reference, "the complaint reference \(text) normalises twice to another")
        }
        _ = ComplaintReference.areLetters(text)
        _ = ChecklistSubmission.isIdentifier(text)
        _ = AccreditingOrganisation.isIdentifier(text)
        _ = AccreditationApplication.id(badgeNumber: text)
        _ = Election.isWellFormedID(text)
        _ = StationAccessibility.answer(text)
    }
}
