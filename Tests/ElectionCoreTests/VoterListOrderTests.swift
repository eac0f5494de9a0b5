import ElectionCore
import Testing

/// Printed voter lists follow the Khmer consonant order, whatever code points a name was typed with.
@Suite struct VoterListOrderTests {
    static func voter(_ serial: Int, _ khmer: String, _ latin: String) -> Voter {
        Voter(number: VoterNumber(serial: serial), name: PersonName(khmer: khmer, latin: latin), sex: .female,
              dateOfBirth: CalendarDate(year: 1990, month: 1, day: 1)!, stationCode: "120101001")
    }

    @Test func namesFollowTheConsonantOrderOfADictionary() {
        // ក ខ គ ច ស អ: the order of the Khmer alphabet.
        let expected = [
            Self.voter(10, "កែវ សុខា", "Keo Sokha"), Self.voter(11, "ខៀវ ដារ៉ា", "Khiev Dara"), Self.voter(12, "គង់ វិចិត្រ", "Kong Vichet"),
            Self.voter(13, "ចាន់ ធី", "Chan Thy"), Self.voter(14, "សុខ ដារ៉ា", "Sok Dara"), Self.voter(15, "អ៊ុំ សុភា", "Um Sophea"),
        ]
        #expect(VoterListOrder.sorted(expected.reversed()).map(\.number) == expected.map(\.number))
        #expect(VoterListOrder.sorted([expected[3], expected[0], expected[5], expected[1], expected[4], expected[2]]).map(\.number)
            == expected.map(\.number))
    }

    @Test func theSameNameTypedTwoWaysSortsTogetherThenByVoterNumber() {
        let plain = Self.voter(30, "សុខ ដារ៉ា", "Sok Dara")
        let zeroWidth = Self.voter(20, "សុខ\u{200B} ដារ៉ា", "Sok Dara")
        let other = Self.voter(25, "សុខ ដាវី", "Sok Davy")
        let sorted = VoterListOrder.sorted([plain, other, zeroWidth]).map(\.number)
        #expect(sorted.firstIndex(of: zeroWidth.number)! + 1 == sorted.firstIndex(of: plain.number)!)
        #expect(sorted.firstIndex(of: zeroWidth.number)! < sorted.firstIndex(of: plain.number)!)
    }
}
