import ElectionCore
import Foundation
import Testing

@Suite struct NumeralsTests {
    @Test(arguments: [0, 7, 999, 1_000, 23_789, 9_710_655, -1_234_567, Int.max])
    func groupingMatchesFoundation(n: Int) {
        #expect(Numerals.grouped(n) == n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))))
    }

    @Test func khmerDigitsReplaceOnlyDigits() {
        #expect(Numerals.khmer("9,710,655") == "៩,៧១០,៦៥៥")
        #expect(Numerals.khmer("លេខ 12a") == "លេខ ១២a")
    }
}
