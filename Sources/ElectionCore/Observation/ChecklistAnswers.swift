import Foundation

/// One answer as submitted: always text, parsed by the question's kind (`yes`/`no`, a whole
/// number, an option id, option ids, `HH:MM`, free text).
public typealias ChecklistAnswers = [String: [String]]

/// Why a checklist's answers are refused: the question and the reason.
public struct ChecklistProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// No question of the form has this id.
        case unknownQuestion = "unknown-question"
        /// An asked, required question has no answer.
        case missing
        /// The answer is not of the question's kind (not yes/no, not a whole number, …).
        case wrongType = "wrong-type"
        /// A number outside the question's range.
        case outOfRange = "out-of-range"
        /// An option the question does not have.
        case unknownOption = "unknown-option"
        /// An answer to a question that its skip logic does not ask.
        case notAsked = "not-asked"
    }

    /// The question id, as the field is named.
    public var question: String
    public var reason: Reason

    public init(question: String, reason: Reason) {
        self.question = question
        self.reason = reason
    }

    public var description: String { "\(question): \(reason.rawValue)" }
}

extension ChecklistForm {
    /// The questions asked given `answers` (skip logic applied), in form order.
    public func askedQuestions(_ answers: ChecklistAnswers) -> [ChecklistQuestion] {
        questions.filter { q in
            guard let condition = q.askIf else { return true }
            return answers[condition.question]?.contains(condition.equals) == true
        }
    }

    /// Checks answers against the form; returns every problem, in form order, or none.
    /// Empty answers count as not given.
    public func problems(in answers: ChecklistAnswers) -> [ChecklistProblem] {
        var problems: [ChecklistProblem] = []
        let given = answers.filter { !$0.value.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        for id in given.keys.sorted() where question(id) == nil {
            problems.append(ChecklistProblem(question: id, reason: .unknownQuestion))
        }
        let asked = Set(askedQuestions(given).map(\.id))
        for q in questions {
            guard let values = given[q.id] else {
                if asked.contains(q.id), q.required { problems.append(ChecklistProblem(question: q.id, reason: .missing)) }
                continue
            }
            guard asked.contains(q.id) else {
                problems.append(ChecklistProblem(question: q.id, reason: .notAsked))
                continue
            }
            if let reason = Self.check(values, against: q) { problems.append(ChecklistProblem(question: q.id, reason: reason)) }
        }
        return problems
    }

    private static func check(_ values: [String], against q: ChecklistQuestion) -> ChecklistProblem.Reason? {
        if q.kind != .multipleChoice, values.count != 1 { return .wrongType }
        let value = values[0]
        switch q.kind {
        case .yesNo:
            return value == "yes" || value == "no" ? nil : .wrongType
        case .number:
            guard value.count <= 9, let n = Int(value) else { return .wrongType }
            if let minimum = q.minimum, n < minimum { return .outOfRange }
            if let maximum = q.maximum, n > maximum { return .outOfRange }
            return nil
        case .singleChoice:
            return q.options.contains { $0.id == value } ? nil : .unknownOption
        case .multipleChoice:
            guard Set(values).count == values.count else { return .wrongType }
            return values.allSatisfy { v in q.options.contains { $0.id == v } } ? nil : .unknownOption
        case .time:
            return ClockTime(value) == nil ? .wrongType : nil
        case .text:
            return value.count <= 2_000 ? nil : .outOfRange
        }
    }
}

/// A time of day, `HH:MM`, 00:00 to 23:59.
public struct ClockTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Minutes since midnight.
    public var minutes: Int

    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        minutes = h * 60 + m
    }

    /// The time `minutes` after midnight, kept within the day.
    public init(minutes: Int) { self.minutes = min(max(minutes, 0), 24 * 60 - 1) }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutes < b.minutes }

    public var description: String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    /// Written and read as its `HH:MM` text, as people type it and the API documents it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = ClockTime(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a time of day HH:MM: \(text)")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
