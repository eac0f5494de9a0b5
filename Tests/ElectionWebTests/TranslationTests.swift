import ElectionCore
@testable import ElectionWeb
import Foundation
import Testing

@Suite struct TranslationTests {
    // The files as bundled, and the sources and templates that ask for their keys.
    static let webSources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/ElectionWeb").standardizedFileURL
    static let templatesPath = webSources.appendingPathComponent("Templates").path

    static func defined() throws -> [String: String] { try Translations.loaded().strings[.english] ?? [:] }

    @Test func everyStringExistsInBothLanguages() throws {
        let translations = try Translations.loaded()
        let english = translations.strings[.english] ?? [:], khmer = translations.strings[.khmer] ?? [:]
        #expect(english.count > 400)
        #expect(Set(english.keys) == Set(khmer.keys))
        #expect(english.values.allSatisfy { !$0.isEmpty })
        #expect(khmer.values.allSatisfy { !$0.isEmpty })
        // …and in the same feature's file: `en/results.json` and `km/results.json` hold the same keys.
        for (key, file) in translations.files[.english] ?? [:] {
            #expect(translations.files[.khmer]?[key] == "km" + file.dropFirst(2), "\(key) is in \(file)")
        }
    }

    @Test func khmerStringsAreInKhmerScript() throws {
        let untranslated = (try Translations.loaded().strings[.khmer] ?? [:]).filter { key, value in
            key != "switch.label" && !value.unicodeScalars.contains { (0x1780...0x17FF).contains($0.value) }
        }
        #expect(untranslated.isEmpty, "\(untranslated.keys.sorted())")
    }

    // MARK: The loader refuses what a decoder would let through

    static func load(english: String, khmer: String, secondEnglish: String? = nil) throws(TranslationError) -> Translations {
        try Translations(sources: [
            .english: [("en/a.json", english)] + (secondEnglish.map { [("en/b.json", $0)] } ?? []),
            .khmer: [("km/a.json", khmer)],
        ])
    }

    @Test func aDuplicateKeyInOneFileIsRefused() throws {
        let sample = #"{ "a.one": "One", "a.two": "Two", "a.one": "Uno" }"#
        // A JSON decoder keeps one of the two silently…
        #expect(try JSONDecoder().decode([String: String].self, from: Data(sample.utf8)).count == 2)
        // …the loader names the key.
        #expect(throws: TranslationError(file: "en/a.json", problem: "defines “a.one” again (first in en/a.json)")) {
            try Self.load(english: sample, khmer: #"{ "a.one": "មួយ", "a.two": "ពីរ" }"#)
        }
    }

    @Test func aKeyDefinedInTwoFilesIsRefused() {
        #expect(throws: TranslationError(file: "en/b.json", problem: "defines “a.one” again (first in en/a.json)")) {
            try Self.load(english: #"{ "a.one": "One" }"#, khmer: #"{ "a.one": "មួយ" }"#, secondEnglish: #"{ "a.one": "One" }"#)
        }
    }

    @Test func aKeyMissingInEitherLanguageIsRefused() {
        #expect(throws: TranslationError(file: "en/a.json", problem: "defines “a.two”, which km lacks")) {
            try Self.load(english: #"{ "a.one": "One", "a.two": "Two" }"#, khmer: #"{ "a.one": "មួយ" }"#)
        }
        #expect(throws: TranslationError(file: "km/a.json", problem: "defines “a.two”, which en lacks")) {
            try Self.load(english: #"{ "a.one": "One" }"#, khmer: #"{ "a.one": "មួយ", "a.two": "ពីរ" }"#)
        }
    }

    @Test func aFileThatIsNotAnObjectOfTextsIsRefused() {
        for bad in [#"{ "a.one": "One""#, #"{ "a.one" "One" }"#, #"{ "a.one": 1 }"#, #"[ "a.one", "One" ]"#, #"{ "a.one": { "b": "One" } }"#] {
            #expect(throws: TranslationError.self, "\(bad)") { try Self.load(english: bad, khmer: #"{ "a.one": "មួយ" }"#) }
        }
    }

    @Test func twoKeysThatTemplatesWouldSeeAsOneAreRefused() {
        #expect(throws: TranslationError.self) {
            try Self.load(english: #"{ "a.b_c": "1", "a_b.c": "2" }"#, khmer: #"{ "a.b_c": "១", "a_b.c": "២" }"#)
        }
    }

    @Test func keysAreReadInOrderPastEscapedQuotes() throws {
        let keys = try Translations.keys(of: #"{ "a": "say \"b\": \\", "c\u002e\"d": "e", "a": "f" }"#, file: "x")
        #expect(keys == ["a", "c.\"d", "a"])
        let loaded = try Self.load(english: #"{ "a.one": "“{q}” \"quoted\"\n", "a.two": " and " }"#, khmer: #"{ "a.one": "ក", "a.two": "ខ" }"#)
        #expect(loaded.strings[.english] == ["a.one": "“{q}” \"quoted\"\n", "a.two": " and "])
        #expect(loaded.templateStrings[.english]?["a_one"] == "“{q}” \"quoted\"\n")
    }

    // MARK: Every key the code asks for is defined

    @Test func everyStringATemplateUsesExists() throws {
        let templates = try FileManager.default.contentsOfDirectory(atPath: Self.templatesPath)
        let keys = Set(Language.english.templateStrings.keys)
        var used = 0
        for file in templates where file.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: Self.templatesPath + "/" + file, encoding: .utf8)
            for match in text.matches(of: /\{\{[{&#^\/]?\s*t\.([A-Za-z0-9_\-]+)/) {
                used += 1
                let defined = keys.contains(String(match.1))
                #expect(defined, "\(file) uses t.\(match.1)")
            }
        }
        #expect(used > 200)
    }

    @Test func everyKeyTheCodeCompletesAtRunTimeExists() throws {
        let defined = try Self.defined()
        #expect(KeyFamilies.allKeys.count > 100)
        for key in KeyFamilies.allKeys { #expect(defined[key] != nil, "\(key)") }
        for code in RowRejection.Code.allCases { #expect(defined["reason." + InputError.registerReason(code)] != nil, "\(code)") }
        for problem in ChecklistProblem.Reason.allCases { #expect(defined["reason." + InputError.checklistReason(problem)] != nil, "\(problem)") }
        for field in ResultCounts.fieldNames { #expect(defined["field." + field] != nil, "field.\(field)") }
    }

    static func swiftSources(under folder: URL) throws -> [(name: String, text: String)] {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return try files.filter { $0.pathExtension == "swift" }.map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
    }

    /// Literals in the web target that look like keys but are not: form fields and a file.
    static let notKeys: Set<String> = ["map.x", "map.y", "observe.js"]

    @Test func everyKeyWrittenInTheCodeExists() throws {
        let defined = try Self.defined()
        let prefixes = Set(defined.keys.map { String($0.prefix { $0 != "." }) })
        let familyPrefixes = Set([KeyFamilies.deskDone.prefix, KeyFamilies.registerDone.prefix,
                                  KeyFamilies.registerRejection.prefix, KeyFamilies.checklistProblem.prefix])
        var used = 0
        for (name, text) in try Self.swiftSources(under: Self.webSources) {
            for match in text.matches(of: /"([a-z_]+(?:\.[A-Za-z0-9_\-]+)+)"/) {
                let literal = String(match.1)
                guard prefixes.contains(String(literal.prefix { $0 != "." })), !Self.notKeys.contains(literal),
                      !familyPrefixes.contains(literal) else { continue }
                used += 1
                #expect(defined[literal] != nil, "\(name) uses “\(literal)”")
            }
        }
        #expect(used > 100)
    }

    @Test func noKeyIsPiecedTogetherOutsideItsFamily() throws {
        // A key written `"status.\(x)"` cannot be checked; `KeyFamilies` lists every value instead.
        for (name, text) in try Self.swiftSources(under: Self.webSources) {
            for match in text.matches(of: /text\("[^"]*\\\(/) { Issue.record("\(name): \(match.0)") }
            for match in text.matches(of: /reason: "[^"]*\\\(/) { Issue.record("\(name): \(match.0)") }
        }
    }

    @Test func everyFieldAndReasonOfRefusedInputHasItsString() throws {
        let defined = try Self.defined()
        var used = 0
        for (name, text) in try Self.swiftSources(under: Self.webSources) {
            // In the web target these labels name refused input only (`InputError(field:reason:label:)`,
            // `Input.number(…, field:)`, `coordinate(…, reason:)`).
            for line in text.split(separator: "\n") where !line.contains("//") {
                for match in line.matches(of: /\b(field|label|reason): "([A-Za-z_]+)"/) {
                    let key = (match.1 == "reason" ? "reason." : "field.") + match.2
                    used += 1
                    #expect(defined[String(key)] != nil, "\(name): \(match.0)")
                }
            }
        }
        #expect(used > 50)
    }

    /// Only `sala mission team` saves teams, and the command prints the store's own English message.
    static let kindsNeverShown: Set<String> = ["mission member"]

    @Test func everyKindTheStoreNamesHasItsString() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources").standardizedFileURL
        // Thrown directly, or named to the store's `one(query, decode, kind, id)`.
        let patterns = [/StoreError\.(?:notFound|duplicate)\("([^"]+)"/, /Rows\.\w+, "([^"]+)"/, /\}, "([^"]+)", String\(id\)/]
        var named = 0
        for (name, text) in try Self.swiftSources(under: sources) {
            for pattern in patterns {
                for match in text.matches(of: pattern) where !Self.kindsNeverShown.contains(String(match.1)) {
                    named += 1
                    #expect(KeyFamilies.storeKind.values.contains(String(match.1)), "\(name): \(match.0)")
                }
            }
        }
        #expect(named > 15)
    }

    @Test func numbersUseKhmerDigitsInKhmer() {
        #expect(Language.khmer.number(9_710_655) == "៩,៧១០,៦៥៥")
        #expect(Language.english.number(9_710_655) == "9,710,655")
    }
}
