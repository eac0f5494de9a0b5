import Foundation

/// The interface's strings in English and Khmer, read once from the files a translator edits:
/// `Strings/<language>/<feature>.json`, each a flat JSON object of key and text. `{n}`-style
/// placeholders are filled in by the code that uses the string.
struct Translations: Sendable {
    /// Each language's strings, by key.
    let strings: [Language: [String: String]]
    /// Each language's strings as templates see them: Mustache reads a dot as a path, so
    /// `site.name` is `t.site_name`.
    let templateStrings: [Language: [String: String]]
    /// The file that defines each key, per language (`en/portal.json`).
    let files: [Language: [String: String]]

    /// The strings bundled with the web target, read on first use. Pages call `loaded()` when
    /// they start, so a bad file stops the server before it answers anyone.
    static let bundled: Result<Translations, TranslationError> = Result { () throws(TranslationError) -> Translations in
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Strings") else {
            throw TranslationError(file: "Strings", problem: "the folder is not bundled")
        }
        return try load(directory: directory)
    }

    /// The bundled strings, or the reason they cannot be used.
    static func loaded() throws(TranslationError) -> Translations { try bundled.get() }

    /// Reads every `<language>/<feature>.json` under `directory` (other files are left alone). Refuses
    /// a file that is not a flat object of strings, a key defined twice (in one file or in two), a key
    /// one language lacks, and two keys that templates would see as one.
    static func load(directory: URL) throws(TranslationError) -> Translations {
        var sources: [Language: [(file: String, text: String)]] = [:]
        for language in Language.allCases {
            let folder = directory.appendingPathComponent(language.rawValue)
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: folder.path) } catch {
                throw TranslationError(file: language.rawValue, problem: "the folder cannot be read")
            }
            for name in names.sorted() where name.hasSuffix(".json") {
                let file = "\(language.rawValue)/\(name)"
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                      let text = String(data: data, encoding: .utf8) else {
                    throw TranslationError(file: file, problem: "cannot be read as UTF-8")
                }
                sources[language, default: []].append((file, text))
            }
        }
        return try Translations(sources: sources)
    }

    /// Strings from the texts of their files, for each language.
    init(sources: [Language: [(file: String, text: String)]]) throws(TranslationError) {
        var strings: [Language: [String: String]] = [:], files: [Language: [String: String]] = [:]
        for language in Language.allCases {
            var table: [String: String] = [:], origin: [String: String] = [:]
            for (file, text) in sources[language] ?? [] {
                for (key, value) in try Self.entries(of: text, file: file) {
                    if let first = origin[key] {
                        throw TranslationError(file: file, problem: "defines “\(key)” again (first in \(first))")
                    }
                    table[key] = value
                    origin[key] = file
                }
            }
            strings[language] = table
            files[language] = origin
        }
        for language in Language.allCases {
            let other = language.other
            if let key = (strings[other] ?? [:]).keys.sorted().first(where: { strings[language]?[$0] == nil }) {
                throw TranslationError(
                    file: files[other]?[key] ?? other.rawValue, problem: "defines “\(key)”, which \(language.rawValue) lacks")
            }
        }
        var templateStrings: [Language: [String: String]] = [:]
        for (language, table) in strings {
            var templated: [String: String] = [:]
            for (key, value) in table {
                let name = key.replacingOccurrences(of: ".", with: "_")
                if templated[name] != nil {
                    throw TranslationError(file: files[language]?[key] ?? "", problem: "“\(key)” is t.\(name) to templates, like another key")
                }
                templated[name] = value
            }
            templateStrings[language] = templated
        }
        self.strings = strings
        self.templateStrings = templateStrings
        self.files = files
    }

    /// The key and text pairs of one file, in the order written; a key written twice is kept twice
    /// (JSON decoders keep one of the two silently, so the keys are also scanned from the text).
    static func entries(of text: String, file: String) throws(TranslationError) -> [(key: String, value: String)] {
        let table: [String: String]
        do { table = try JSONDecoder().decode([String: String].self, from: Data(text.utf8)) } catch {
            throw TranslationError(file: file, problem: "is not a JSON object of texts (\(error))")
        }
        return try Self.keys(of: text, file: file).map { ($0, table[$0] ?? "") }
    }

    /// The keys of a flat JSON object of strings, in order, repeats included. Since every value is a
    /// string (the decoder checked), the object's strings alternate between key and value.
    static func keys(of text: String, file: String) throws(TranslationError) -> [String] {
        var keys: [String] = []
        var token = "", inString = false, escaped = false, count = 0
        for character in text.unicodeScalars {
            if inString {
                if escaped { escaped = false; token.unicodeScalars.append(character) }
                else if character == "\\" { escaped = true; token.unicodeScalars.append(character) }
                else if character == "\"" {
                    inString = false
                    if count % 2 == 0 {
                        let quoted = Data("\"\(token)\"".utf8)
                        guard let key = (try? JSONSerialization.jsonObject(with: quoted, options: .fragmentsAllowed)) as? String else {
                            throw TranslationError(file: file, problem: "has a key that is not a JSON string: \(token)")
                        }
                        keys.append(key)
                    }
                    count += 1
                } else { token.unicodeScalars.append(character) }
            } else if character == "\"" {
                inString = true
                token = ""
            }
        }
        return keys
    }
}

/// A strings file the portal cannot use: which file, and what is wrong with it.
struct TranslationError: Error, Equatable, CustomStringConvertible {
    let file: String
    let problem: String

    var description: String { "Strings/\(file) \(problem)" }
}
