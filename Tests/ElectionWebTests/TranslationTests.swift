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

    // MARK: Every key the code asks for is defined, and every key defined is asked for

    /// A key asked for, and the file that asks.
    struct Use { let file: String; let key: String }

    /// `{{t.desk_title}}` and the like in the templates (the key as templates see it).
    static func templateUses() throws -> [Use] {
        try FileManager.default.contentsOfDirectory(atPath: templatesPath).filter { $0.hasSuffix(".mustache") }.flatMap { file in
            let text = try String(contentsOfFile: templatesPath + "/" + file, encoding: .utf8)
            return text.matches(of: /\{\{[{&#^\/]?\s*t\.([A-Za-z0-9_\-]+)/).map { Use(file: file, key: String($0.1)) }
        }
    }

    static func swiftSources(under folder: URL) throws -> [(name: String, text: String)] {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return try files.filter { $0.pathExtension == "swift" }.map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
    }

    /// Literals in the web target that look like keys but are not: form fields and a file.
    static let notKeys: Set<String> = ["map.x", "map.y", "observe.js", "airtime.csv", "airtime.ics",
                                          "error.type"]  // a metric dimension Hummingbird names (PortalMetrics)

    /// Keys written whole in the web target's Swift: `text("desk.title")`, `fill("report.team", …)`,
    /// `("/", "nav.home")`: every literal shaped like a key whose first part is a key's first part.
    static func literalUses(defined: [String: String]) throws -> [Use] {
        let prefixes = Set(defined.keys.map { String($0.prefix { $0 != "." }) })
        // Typed one by one: a literal of a dozen generic members asks the compiler too much.
        var familyPrefixes: Set<String> = [KeyFamilies.deskDone.prefix, KeyFamilies.registerDone.prefix, KeyFamilies.nominationsDone.prefix]
        familyPrefixes.insert(KeyFamilies.stationsDone.prefix)
        familyPrefixes.insert(KeyFamilies.commissionsDone.prefix)
        familyPrefixes.insert(KeyFamilies.registerRejection.prefix)
        familyPrefixes.insert(KeyFamilies.checklistProblem.prefix)
        familyPrefixes.insert(KeyFamilies.recordStatus.prefix)
        familyPrefixes.insert(KeyFamilies.stationReportKind.prefix)
        familyPrefixes.insert(KeyFamilies.electionDayAlert.prefix)
        familyPrefixes.insert(KeyFamilies.electionDayDone.prefix)
        familyPrefixes.insert(KeyFamilies.accessNeed.prefix)
        familyPrefixes.insert(KeyFamilies.documentKind.prefix)
        for family in [KeyFamilies.complaintCategory.prefix, KeyFamilies.complaintStatus.prefix, KeyFamilies.complaintOutcome.prefix,
                       KeyFamilies.complaintChannel.prefix, KeyFamilies.evidenceProblem.prefix,
                       KeyFamilies.hotlineChannel.prefix, KeyFamilies.hotlineTopic.prefix, KeyFamilies.passwordProblem.prefix,
                       KeyFamilies.accountEvent.prefix] {
            familyPrefixes.insert(family)
        }
        return try swiftSources(under: webSources).flatMap { name, text in
            text.matches(of: /"([a-z_]+(?:\.[A-Za-z0-9_\-]+)+)"/).map { String($0.1) }
                .filter { prefixes.contains(String($0.prefix { $0 != "." })) && !notKeys.contains($0) && !familyPrefixes.contains($0) }
                .map { Use(file: name, key: $0) }
        }
    }

    /// The `field.*` and `reason.*` keys of refused input, as the web target names them: the labels
    /// `field:`, `label:` and `reason:` (`InputError(field:reason:label:)`, `Input.number(…, field:)`,
    /// `coordinate(…, reason:)`), default fields (`field: String = "lat"`), the registration form's
    /// `QuestionFields(…)`, and the observation API's `text(body.x, "x")` and `parse(body.x, "x")`.
    static func inputUses() throws -> [Use] {
        try swiftSources(under: webSources).flatMap { name, text in
            text.split(separator: "\n").filter { !$0.contains("//") }.flatMap { line -> [Use] in
                let labelled = line.matches(of: /\b(field|label|reason): (?:String = )?"([A-Za-z_]+)"/).map {
                    Use(file: name, key: ($0.1 == "reason" ? "reason." : "field.") + $0.2)
                }
                let questionFields = line.matches(of: /QuestionFields\(([^)]*)\)/).flatMap { fields in
                    fields.1.matches(of: /: "([A-Za-z_]+)"/).map { Use(file: name, key: "field." + $0.1) }
                }
                let bodyFields = line.matches(of: /(?:text|parse)\(body\.\w+, "([A-Za-z_]+)"\)/).map { Use(file: name, key: "field." + $0.1) }
                return labelled + questionFields + bodyFields
            }
        }
    }

    /// Keys completed at run time: every value of every family.
    static var familyKeys: [String] {
        KeyFamilies.allKeys + RowRejection.Code.allCases.map { "reason." + InputError.registerReason($0) }
            + ChecklistProblem.Reason.allCases.map { "reason." + InputError.checklistReason($0) }
            + ResultCounts.fieldNames.map { "field." + $0 }
    }

    @Test func everyStringATemplateUsesExists() throws {
        let keys = Set(Language.english.templateStrings.keys)
        let uses = try Self.templateUses()
        for use in uses {
            let defined = keys.contains(use.key)
            #expect(defined, "\(use.file) uses t.\(use.key)")
        }
        #expect(uses.count > 200)
    }

    @Test func everyKeyTheCodeCompletesAtRunTimeExists() throws {
        let defined = try Self.defined()
        #expect(KeyFamilies.allKeys.count > 100)
        for key in Self.familyKeys { #expect(defined[key] != nil, "\(key)") }
    }

    @Test func everyFamilyIsInAllKeys() throws {
        let text = try String(contentsOf: Self.webSources.appendingPathComponent("Shared/KeyFamily.swift"), encoding: .utf8)
        let listed = try #require(text.range(of: "static let allKeys").map { text[$0.lowerBound...] })
        let families = text.matches(of: /static let (\w+) = KeyFamily</).map { String($0.1) }
        #expect(families.count > 15)
        for family in families { #expect(listed.contains("\(family).keys"), "\(family)") }
    }

    @Test func theFormActionFamilyNamesEveryAction() {
        let counts = ResultCounts(registeredVoters: 0, ballotsReceived: 0, ballotsIssued: 0, ballotsInBox: 0,
                                  spoiledBallots: 0, unusedBallots: 0, invalidBallots: 0, votes: [:])
        for action in [FormAction.enter(counts), .resolve(counts), .acknowledge, .correct(reason: "recount")] {
            #expect(KeyFamilies.formAction.value(named: Substring(action.name)) != nil, "\(action.name)")
            #expect(KeyFamilies.deskDone.value(named: Substring(action.name)) != nil, "\(action.name)")
        }
    }

    @Test func everyDoneMessageARedirectAsksForIsInItsFamily() throws {
        var asked = 0
        for (name, text) in try Self.swiftSources(under: Self.webSources) {
            for match in text.matches(of: /\?done=([a-z]+)"/) {
                asked += 1
                let family = name.contains("Register") ? KeyFamilies.registerDone
                    : ["Party", "Calendar"].contains(where: name.hasPrefix) ? KeyFamilies.nominationsDone
                    : name.hasPrefix("StationKeeping") ? KeyFamilies.stationsDone
                    : name.hasPrefix("CommissionKeeping") ? KeyFamilies.commissionsDone
                    : name.hasPrefix("Accreditation") ? KeyFamilies.accreditationDone : KeyFamilies.deskDone
                #expect(family.value(named: match.1) != nil, "\(name): \(match.0)")
            }
        }
        #expect(asked >= 4)
    }

    @Test func everyKeyWrittenInTheCodeExists() throws {
        let defined = try Self.defined()
        let uses = try Self.literalUses(defined: defined)
        for use in uses { #expect(defined[use.key] != nil, "\(use.file) uses “\(use.key)”") }
        #expect(uses.count > 100)
    }

    @Test func everyFieldAndReasonOfRefusedInputHasItsString() throws {
        let defined = try Self.defined()
        let uses = try Self.inputUses()
        for use in uses { #expect(defined[use.key] != nil, "\(use.file) refuses input with “\(use.key)”") }
        #expect(uses.count > 50)
    }

    @Test func noKeyIsPiecedTogetherOutsideItsFamily() throws {
        // A key written `"status.\(x)"` cannot be checked; `KeyFamilies` lists every value instead.
        for (name, text) in try Self.swiftSources(under: Self.webSources) {
            for match in text.matches(of: /text\("[^"]*\\\(/) { Issue.record("\(name): \(match.0)") }
            for match in text.matches(of: /reason: "[^"]*\\\(/) { Issue.record("\(name): \(match.0)") }
        }
    }

    @Test func everyStringIsUsed() throws {
        let defined = try Self.defined()
        let used = Set(Self.familyKeys + (try Self.literalUses(defined: defined) + Self.inputUses()).map(\.key))
        let inTemplates = Set(try Self.templateUses().map(\.key))
        let unused = defined.keys.filter { !used.contains($0) && !inTemplates.contains($0.replacingOccurrences(of: ".", with: "_")) }
        #expect(unused.isEmpty, "\(unused.sorted())")
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
