/// An observers' checklist: versioned data, in English and Khmer, not code. The four standard
/// forms (opening, voting, closing, counting) ship as `Resources/checklists.json` of
/// `ElectionScenario`; a mission may define its own.
public struct ChecklistForm: Sendable, Hashable, Codable {
    /// `opening`, `voting`, `closing`, `counting` or a mission's own.
    public var id: String
    /// Raised whenever a question changes; submissions name the version they answered.
    public var version: Int
    /// The phase of election day it is for.
    public var phase: VisitPhase
    public var titleEnglish: String
    public var titleKhmer: String
    public var questions: [ChecklistQuestion]

    public init(id: String, version: Int, phase: VisitPhase, titleEnglish: String, titleKhmer: String, questions: [ChecklistQuestion]) {
        self.id = id
        self.version = version
        self.phase = phase
        self.titleEnglish = titleEnglish
        self.titleKhmer = titleKhmer
        self.questions = questions
    }

    /// The question with this id.
    public func question(_ id: String) -> ChecklistQuestion? { questions.first { $0.id == id } }
}

/// The part of election day a visit watches.
public enum VisitPhase: String, Sendable, Hashable, Codable, CaseIterable {
    case opening
    case voting
    case closing
    case counting
}

/// One question of a checklist.
public struct ChecklistQuestion: Sendable, Hashable, Codable {
    /// What kind of answer the question takes.
    public enum Kind: String, Sendable, Hashable, Codable {
        case yesNo = "yes-no"
        case number
        case singleChoice = "single-choice"
        case multipleChoice = "multiple-choice"
        /// A time of day, `HH:MM`.
        case time
        case text
    }

    /// One option of a choice question.
    public struct Option: Sendable, Hashable, Codable {
        public var id: String
        public var english: String
        public var khmer: String

        public init(id: String, english: String, khmer: String) {
            self.id = id
            self.english = english
            self.khmer = khmer
        }
    }

    /// Skip logic: the question is asked only when another question was answered this way.
    public struct Condition: Sendable, Hashable, Codable {
        public var question: String
        /// The answer that makes this question asked (`yes`/`no` or an option id).
        public var equals: String

        public init(question: String, equals: String) {
            self.question = question
            self.equals = equals
        }
    }

    /// Stable within a form, e.g. `opened-on-time`; submissions answer by id.
    public var id: String
    public var kind: Kind
    public var english: String
    public var khmer: String
    public var options: [Option]
    /// Smallest and largest number accepted, for number questions.
    public var minimum: Int?
    public var maximum: Int?
    /// Asked only when this condition holds; nil means always asked.
    public var askIf: Condition?
    /// Whether an asked question must be answered.
    public var required: Bool

    public init(
        id: String, kind: Kind, english: String, khmer: String, options: [Option] = [], minimum: Int? = nil,
        maximum: Int? = nil, askIf: Condition? = nil, required: Bool = true
    ) {
        self.id = id
        self.kind = kind
        self.english = english
        self.khmer = khmer
        self.options = options
        self.minimum = minimum
        self.maximum = maximum
        self.askIf = askIf
        self.required = required
    }
}
