@testable import ElectionWeb
import Foundation
import Testing

@Suite struct TranslationTests {
    @Test func everyStringExistsInBothLanguages() {
        #expect(Set(Translations.english.keys) == Set(Translations.khmer.keys))
        #expect(Translations.english.values.allSatisfy { !$0.isEmpty })
    }

    @Test func khmerStringsAreInKhmerScript() {
        let untranslated = Translations.khmer.filter { key, value in
            key != "switch.label" && !value.unicodeScalars.contains { (0x1780...0x17FF).contains($0.value) }
        }
        #expect(untranslated.isEmpty, "\(untranslated.keys.sorted())")
    }

    @Test func everyStringATemplateUsesExists() throws {
        let templates = try FileManager.default.contentsOfDirectory(atPath: Self.templatesPath)
        let keys = Set(Language.english.templateStrings.keys)
        for file in templates where file.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: Self.templatesPath + "/" + file, encoding: .utf8)
            for match in text.matches(of: /\{\{t\.([a-z_\-]+)\}\}/) {
                #expect(keys.contains(String(match.1)), "\(file) uses t.\(match.1)")
            }
        }
    }

    static let templatesPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/ElectionWeb/Templates").standardizedFileURL.path

    @Test func numbersUseKhmerDigitsInKhmer() {
        #expect(Language.khmer.number(9_710_655) == "៩,៧១០,៦៥៥")
        #expect(Language.english.number(9_710_655) == "9,710,655")
    }
}
