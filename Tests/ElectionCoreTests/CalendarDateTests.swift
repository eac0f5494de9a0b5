import ElectionCore
import Testing

@Suite struct CalendarDateTests {
    @Test(arguments: ["2023-07-23", "2000-02-29", "1970-01-01", "1899-12-31"])
    func isoRoundTrips(text: String) throws {
        let date = try #require(CalendarDate(iso: text))
        #expect(date.iso == text)
        #expect(CalendarDate(daysSinceEpoch: date.daysSinceEpoch) == date)
    }

    @Test(arguments: ["2023-02-29", "2023-13-01", "2023-00-10", "23-07-23", "2023-7-23", "2023-07-23T00", "", "２０２３-07-23"])
    func impossibleOrMalformedDatesAreRefused(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func daysSinceEpochCountsRealDays() throws {
        #expect(try #require(CalendarDate(iso: "1970-01-02")).daysSinceEpoch == 1)
        #expect(try #require(CalendarDate(iso: "1969-12-31")).daysSinceEpoch == -1)
        #expect(try #require(CalendarDate(iso: "2000-03-01")).daysSinceEpoch - (try #require(CalendarDate(iso: "2000-02-28"))).daysSinceEpoch == 2)
    }

    @Test func ageCountsWholeYearsOnTheDay() throws {
        let electionDay = try #require(CalendarDate(iso: "2023-07-23"))
        #expect(try #require(CalendarDate(iso: "2005-07-23")).age(on: electionDay) == 18)
        #expect(try #require(CalendarDate(iso: "2005-07-24")).age(on: electionDay) == 17)
        #expect(try #require(CalendarDate(iso: "2004-02-29")).age(on: try #require(CalendarDate(iso: "2022-02-28"))) == 17)
    }
}

@Suite struct VoterNumberTests {
    @Test func numbersCarryACheckDigitThatCatchesOneWrongDigit() throws {
        let number = VoterNumber(serial: 123_456_789)
        #expect(number.description.count == 10)
        #expect(VoterNumber(number.description) == number)
        var digits = Array(number.description)
        for index in digits.indices {
            let original = digits[index]
            for replacement in "0123456789" where replacement != original {
                digits[index] = replacement
                #expect(VoterNumber(String(digits)) == nil, "\(String(digits))")
            }
            digits[index] = original
        }
    }

    @Test func spacesAndHyphensAreIgnoredAndLeadingZerosKept() throws {
        let number = VoterNumber(serial: 42)
        #expect(number.description == "0000000422")
        let spaced = number.description.enumerated().map { $0.offset == 5 ? " \($0.element)" : "\($0.element)" }.joined()
        #expect(VoterNumber(spaced) == number)
        #expect(VoterNumber("12345") == nil)
        #expect(VoterNumber("abcdefghij") == nil)
    }
}
