@testable import ElectionCore
import Testing

/// The Latin letter test's shortcut for ASCII says what Unicode's own property says, for every
/// scalar of the ASCII and Latin blocks.
@Suite struct LatinLetterTests {
    @Test func theASCIIShortcutAgreesWithUnicode() {
        for value in Array(0...0x2FF) + Array(0x1E00...0x1EFF) {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let unicode = scalar.properties.isAlphabetic
                && (scalar.isASCII || (0x00C0...0x024F).contains(value) || (0x1E00...0x1EFF).contains(value))
            #expect(NameScript.isLatinLetter(scalar) == unicode, "U+\(String(value, radix: 16))")
        }
    }
}
