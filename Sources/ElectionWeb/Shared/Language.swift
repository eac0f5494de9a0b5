import ElectionCore
import Foundation

/// The languages of the portal. Every user-facing string exists in each.
public enum Language: String, Sendable, CaseIterable {
    case english = "en"
    case khmer = "km"

    /// The other language, for the language switch.
    var other: Language { self == .english ? .khmer : .english }

    /// The strings as templates see them: Mustache reads a dot as a path, so `site.name` is `t.site_name`.
    var templateStrings: [String: String] { Self.translations.templateStrings[self] ?? [:] }

    /// One string, by key; the key itself if it is missing (a test keeps both languages complete).
    func text(_ key: String) -> String { Self.translations.strings[self]?[key] ?? key }

    // `PageRenderer.load()` reads the files when the portal starts and stops it on a bad file, so
    // by the time a string is asked for they are known to be good.
    private static var translations: Translations {
        do { return try Translations.loaded() } catch { fatalError("\(error)") }
    }

    /// Picks the English or Khmer form of a name.
    func pick(_ english: String, _ khmer: String) -> String { self == .english ? english : khmer }

    /// The Khmer when given and this is Khmer; otherwise the English, as it was entered.
    func pick(_ english: String, given khmer: String?) -> String {
        guard self == .khmer, let khmer, !khmer.isEmpty else { return english }
        return khmer
    }

    func pick(_ english: [String], given khmer: [String]?) -> [String] {
        guard self == .khmer, let khmer, !khmer.isEmpty else { return english }
        return khmer
    }

    /// The preferred language named by an `Accept-Language` header, English by default.
    static func preferred(acceptLanguage: String?) -> Language {
        guard let header = acceptLanguage?.lowercased() else { return .english }
        let first = header.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return first.hasPrefix("km") ? .khmer : .english
    }

    /// A whole number with thousands separators, in Khmer digits for Khmer.
    func number(_ n: Int) -> String {
        localDigits(Numerals.grouped(n))
    }

    /// A number written as it is, without separators (a year), in Khmer digits for Khmer.
    func digits(_ n: Int) -> String {
        localDigits(String(n))
    }

    /// An exact share as a percentage to two decimals (`76.85%`), in this language's digits.
    func percent(_ share: Rational) -> String {
        localDigits(share.percent(decimals: 2)) + "%"
    }

    /// The string of `key` with each `{name}` replaced by its value.
    func fill(_ key: String, _ values: [String: String]) -> String {
        values.reduce(text(key)) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }

    /// Text written with ASCII digits, in this language's digits.
    func localDigits(_ text: String) -> String {
        self == .khmer ? Numerals.khmer(text) : text
    }
}
