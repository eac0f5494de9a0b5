/// A person's name as written in Khmer script and in its Latin transliteration.
public struct PersonName: Sendable, Hashable, Codable {
    public var khmer: String
    public var latin: String

    public init(khmer: String, latin: String) {
        self.khmer = khmer
        self.latin = latin
    }

    /// Whether `typed`, in either script, names this person in full (see ``NameKey``).
    public func matches(_ typed: String) -> Bool {
        let key = NameKey.of(typed)
        return !key.isEmpty && (key == NameKey.of(khmer) || key == NameKey.of(latin))
    }
}

/// Sex as recorded on the register.
public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
    case female = "F"
    case male = "M"
}
