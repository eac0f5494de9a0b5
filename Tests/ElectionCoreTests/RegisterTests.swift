import ElectionCore
import Foundation
import Testing

@Suite("LatinKey")
struct LatinKeyTests {
    @Test("A name typed in Latin letters has the key of the Khmer name", arguments: [
        ("សុខ ដារ៉ា", "Sok Dara"), ("សុខ ដារ៉ា", "SOKH DARRA"), ("សុខ ដារ៉ា", "sok-dara"), ("សុខ ដារ៉ា", "Sokdara"),
        ("ឈុន", "Chhun"), ("ឈុន", "Chun"), ("ពេជ្រ", "Pich"), ("ពេជ្រ", "Pech"), ("សុវណ្ណ", "Sovann"), ("សុវណ្ណ", "Sovan"),
        ("ហោ", "Hor"), ("កែវ", "Keo"), ("លី", "Ly"), ("លី", "Lee"), ("ប្រាក់", "Prak"), ("តាំង", "Taing"),
        ("វង្ស", "Vong"), ("វណ្ណៈ", "Vannak"), ("ចាន់ សុភា", "Chan Sophea"), ("ស្រីមុំ", "Sreymom"), ("ង៉ែត", "Nget"),
    ])
    func latinSpellingsShareTheKhmerKey(_ khmer: String, _ latin: String) {
        #expect(!LatinKey.of(khmer).isEmpty)
        #expect(LatinKey.of(latin) == LatinKey.of(khmer), "\(latin): \(LatinKey.of(latin)), \(khmer): \(LatinKey.of(khmer))")
    }

    @Test("Different names keep different keys")
    func differentNamesDiffer() {
        let names = ["Sok Dara", "Chan Dara", "Sok Sophea", "Kim Dara", "Sok Vanna", "Heng Dara", "Prak Dara"]
        #expect(Set(names.map(LatinKey.of)).count == names.count)
    }

    @Test("A name without consonants has an empty key")
    func noConsonants() {
        #expect(LatinKey.of("") == "")
        #expect(LatinKey.of("  - ") == "")
        #expect(LatinKey.of("Ea") == "")
    }
}

@Suite("VoterSearch")
struct VoterSearchTests {
    static let born = CalendarDate(year: 1990, month: 5, day: 7)!
    static func entry(_ serial: Int, _ khmer: String, _ latin: String, born: CalendarDate = born) -> RegisterEntry {
        RegisterEntry(Voter(number: VoterNumber(serial: serial), name: PersonName(khmer: khmer, latin: latin),
                            sex: .male, dateOfBirth: born, stationCode: "010201001"))
    }

    @Test("Exact names come first, then the same sounds, then a slip; other names are not matches")
    func ranking() {
        let found = [
            Self.entry(1, "សុខ ដារ៉ា", "Sokh Darra"),     // same sounds as typed
            Self.entry(2, "ចាន់ សុភា", "Chan Sophea"),    // another name
            Self.entry(3, "សុខ ដារ៉ា", "Sok Dara"),        // exact, by the Latin name
            Self.entry(4, "សុខ ណារ៉ា", "Sok Nara"),        // one letter from the name typed, other sounds
        ]
        let exact = VoterSearch(name: "Sok Dara", dateOfBirth: Self.born).ranked(found)
        #expect(exact.map(\.closeness) == [.exact, .sameSound, .near])
        #expect(exact.map(\.voter.number) == [3, 1, 4].map { VoterNumber(serial: $0) })
    }

    @Test("The public answer is one station only when the best tier holds one voter")
    func publicAnswer() {
        let search = VoterSearch(name: "Sok Dara", dateOfBirth: Self.born)
        let one = [Self.entry(3, "សុខ ដារ៉ា", "Sok Dara"), Self.entry(1, "សុខ ដារ៉ា", "Sokh Darra")]
        guard case .one(let voter) = search.publicAnswer(search.ranked(one)) else { Issue.record("expected one voter"); return }
        #expect(voter.number == VoterNumber(serial: 3))
        let two = [Self.entry(3, "សុខ ដារ៉ា", "Sok Dara"), Self.entry(5, "សុខ ដារ៉ា", "Sok Dara")]
        #expect(search.publicAnswer(search.ranked(two)) == .several)
        #expect(search.publicAnswer(search.ranked([Self.entry(2, "ចាន់ សុភា", "Chan Sophea")])) == .notFound)
    }

    @Test("Date slips: day and month swapped, a day either side, a year either side")
    func dateSlips() {
        let search = VoterSearch(name: "x", dateOfBirth: CalendarDate(year: 2000, month: 3, day: 1)!, toleratesDateSlips: true)
        #expect(Set(search.dates.map(\.iso)) == ["2000-03-01", "2000-01-03", "2000-02-29", "2000-03-02", "1999-03-01", "2001-03-01"])
        let leap = VoterSearch(name: "x", dateOfBirth: CalendarDate(year: 2000, month: 2, day: 29)!, toleratesDateSlips: true)
        #expect(!leap.dates.contains { $0.year != 2000 }, "29 February has no twin a year away")
        #expect(VoterSearch(name: "x", dateOfBirth: Self.born).dates == [Self.born])
    }
}

@Suite("Register file")
struct RegisterFileTests {
    func fields(_ line: String) -> Result<[String], RegisterFile.LineProblem> {
        RegisterFile.fields(of: Array(line.utf8)[...])
    }

    @Test("Quoted fields may hold commas and doubled quotes")
    func quoting() throws {
        #expect(try fields("1,\"Sok, Dara\",\"say \"\"hi\"\"\",").get() == ["1", "Sok, Dara", "say \"hi\"", ""])
        #expect(try fields("a,,b").get() == ["a", "", "b"])
    }

    @Test("A line that cannot be split says where and why")
    func problems() {
        #expect(fields("1,\"open,2") == .failure(.quoteLeftOpen(field: 2)))
        #expect(fields("1,ab\"c,2") == .failure(.strayQuote(field: 2)))
        #expect(fields("1,\"ab\"c,2") == .failure(.textAfterQuote(field: 2)))
        #expect(RegisterFile.fields(of: [0x31, 0x2C, 0xE1, 0x9E, 0x2C][...]) == .failure(.invalidUTF8(byte: 3)))
    }

    @Test("The header may list the columns in any order, each once")
    func header() throws {
        var columns = RegisterFile.columns.reversed().map { $0 }
        columns[0] = "\u{FEFF}" + columns[0].uppercased()
        let header = try RegisterFile.Header(columns)
        #expect(header.positions == Array((0..<8).reversed()))
        #expect(throws: RegisterFileError.missingColumns(["citizenship", "disqualification"])) {
            try RegisterFile.Header(Array(RegisterFile.columns.prefix(6)))
        }
        #expect(throws: RegisterFileError.unknownColumn("age")) { try RegisterFile.Header(RegisterFile.columns + ["age"]) }
        #expect(throws: RegisterFileError.repeatedColumn("sex")) { try RegisterFile.Header(RegisterFile.columns + ["sex"]) }
    }
}

@Suite("Voter eligibility")
struct VoterEligibilityTests {
    let rules = VoterEligibility(electionDay: CalendarDate(year: 2023, month: 7, day: 23)!, minimumAge: 18, citizenship: "KHM")

    func check(_ fields: [String]) -> Result<Voter, RowRejection> {
        rules.voter(from: fields, knownStation: { $0 == "010201001" })
    }

    func line(number: String = VoterNumber(serial: 42).description, born: String = "1990-01-01", station: String = "010201001",
              citizenship: String = "KHM", disqualification: String = "", sex: String = "F") -> [String] {
        [number, "សុខ ដារ៉ា", "Sok Dara", sex, born, station, citizenship, disqualification]
    }

    @Test("A good line makes the voter")
    func goodLine() throws {
        let voter = try check(line(citizenship: "khm")).get()
        #expect(voter.number == VoterNumber(serial: 42) && voter.stationCode == "010201001" && voter.sex == .female)
    }

    @Test("Eighteen on election day may vote; a day younger may not")
    func ageOnElectionDay() throws {
        _ = try check(line(born: "2005-07-23")).get()
        #expect(throws: RowRejection.self) { try check(line(born: "2005-07-24")).get() }
    }

    @Test("Each fault names its field", arguments: [
        (["", "voter_number", "missing"]), (["1234567890", "voter_number", "voter_number"]),
        (["born:2023-02-29", "date_of_birth", "date"]), (["born:2024-01-01", "date_of_birth", "after_election_day"]),
        (["born:2010-01-01", "date_of_birth", "under_age"]), (["born:1890-01-01", "date_of_birth", "implausible_age"]),
        (["station:12", "station_code", "station_code"]), (["station:999999999", "station_code", "unknown_station"]),
        (["citizenship:THA", "citizenship", "citizenship"]), (["citizenship:", "citizenship", "missing"]),
        (["disqualification:court 2021/7", "disqualification", "disqualified"]), (["sex:X", "sex", "sex"]),
    ])
    func faults(_ c: [String]) {
        let change = c[0]
        var fields = line()
        if change.isEmpty || change.allSatisfy(\.isNumber) {
            fields[0] = change
        } else {
            let parts = change.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let index = ["born": 4, "station": 5, "citizenship": 6, "disqualification": 7, "sex": 3][parts[0]]!
            fields[index] = parts[1]
        }
        guard case .failure(let rejection) = check(fields) else { Issue.record("\(change) was accepted"); return }
        #expect(rejection.field == c[1])
        #expect(rejection.code.rawValue == c[2])
    }
}

@Suite("DuplicateRule")
struct DuplicateRuleTests {
    @Test("Written and read back; unknown parts refused")
    func parsing() {
        let rule = DuplicateRule(name: .sound, place: .province)
        #expect(DuplicateRule(rule.description) == rule)
        #expect(DuplicateRule("place=commune") == DuplicateRule(name: .exact, place: .commune))
        #expect(DuplicateRule("name=fuzzy") == nil)
        #expect(DuplicateRule("colour=red") == nil)
    }
}

@Suite("Partial names")
struct PartialNameTests {
    @Test("A given name alone is not another spelling of the full name")
    func givenNameAlone() {
        let voter = Voter(number: VoterNumber(serial: 9), name: PersonName(khmer: "អៀង នរា", latin: "Ieng Nara"),
                          sex: .female, dateOfBirth: CalendarDate(year: 1960, month: 7, day: 10)!, stationCode: "010201001")
        let entry = RegisterEntry(voter)
        #expect(NameMatch.Typed("Nara").closeness(to: entry) == nil)
        #expect(NameMatch.Typed("Ieng Nara").closeness(to: entry) == .exact)
        #expect(NameMatch.Typed("Eang Narra").closeness(to: entry) == .sameSound)
    }
}
