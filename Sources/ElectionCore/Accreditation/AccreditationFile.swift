import Foundation

/// An organisation's list of people to accredit, one a line: `name_km,name_latin,sex,nationality`
/// under that header. Each line is checked on its own: good lines become applications, bad ones
/// rejections that name the line, the column and the rule, so the organisation fixes only those.
public enum AccreditationFile {
    public static let header = ["name_km", "name_latin", "sex", "nationality"]

    /// A line that is not taken, and why.
    public struct Rejection: Sendable, Hashable, Codable {
        public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
            case missing
            /// A name in the wrong script: Khmer letters only in `name_km`, Latin ones only in `name_latin`.
            case script
            case tooLong = "too_long"
            /// Starts with `=`, `+`, `-` or `@`: a spreadsheet would run it as a formula.
            case formula
            case sex
            case nationality
            /// The same person appears earlier in the file.
            case duplicate
            /// The line cannot be split into the header's columns.
            case line
        }

        /// 1 for the header; the first person is on line 2.
        public var line: Int
        /// The column, as the header names it; empty for the whole line.
        public var field: String
        public var reason: Reason
        /// The line as it was, for the rejects file.
        public var text: String

        public init(line: Int, field: String, reason: Reason, text: String) {
            self.line = line
            self.field = field
            self.reason = reason
            self.text = text
        }
    }

    /// What a file gave: the applications to submit (not yet numbered), and the lines refused.
    public struct Reading: Sendable {
        public var applications: [AccreditationApplication]
        public var rejections: [Rejection]
    }

    /// Reads `data` for an organisation whose people apply as `category`, acknowledging version
    /// `codeVersion` of its code of conduct. A wrong header refuses the whole file (line 1).
    public static func read(
        _ data: Data, organisation: String, category: AccreditationCategory, codeVersion: Int
    ) -> Reading {
        var lines = [UInt8](data).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        if lines.first?.starts(with: [0xEF, 0xBB, 0xBF]) == true { lines[0] = lines[0].dropFirst(3) }
        guard let first = lines.first, case .success(let names) = RegisterFile.fields(of: first), names == header else {
            let text = lines.first.map { String(decoding: $0, as: UTF8.self) } ?? ""
            return Reading(applications: [], rejections: [Rejection(line: 1, field: "", reason: .line, text: text)])
        }
        var applications: [AccreditationApplication] = []
        var rejections: [Rejection] = []
        var seen = Set<String>()
        for (index, line) in lines.enumerated().dropFirst() {
            let text = String(decoding: line, as: UTF8.self)
            guard case .success(let fields) = RegisterFile.fields(of: line), fields.count == header.count else {
                rejections.append(Rejection(line: index + 1, field: "", reason: .line, text: text))
                continue
            }
            switch person(fields) {
            case .failure(let problem):
                rejections.append(Rejection(line: index + 1, field: problem.field, reason: problem.reason, text: text))
            case .success(let (name, sex, nationality)):
                let key = NameKey.of(name.latin) + "|" + NameKey.of(name.khmer) + "|" + nationality
                guard seen.insert(key).inserted else {
                    rejections.append(Rejection(line: index + 1, field: "name_latin", reason: .duplicate, text: text))
                    continue
                }
                applications.append(AccreditationApplication(
                    id: 0, organisationID: organisation, category: category, name: name, sex: sex, nationality: nationality,
                    codeOfConductVersion: codeVersion))
            }
        }
        return Reading(applications: applications, rejections: rejections)
    }

    struct Problem: Error {
        let field: String
        let reason: Rejection.Reason
    }

    /// One person's columns checked: names in their scripts, sex, nationality.
    static func person(_ fields: [String]) -> Result<(PersonName, Sex, String), Problem> {
        let values = fields.map { $0.trimmingCharacters(in: .whitespaces) }
        for (column, value) in zip(header, values) {
            if value.isEmpty { return .failure(Problem(field: column, reason: .missing)) }
            if NameScript.startsLikeFormula(value) { return .failure(Problem(field: column, reason: .formula)) }
            if value.count > 100 { return .failure(Problem(field: column, reason: .tooLong)) }
        }
        let khmer = values[0], latin = values[1]
        guard NameScript.isKhmer(name: khmer) else { return .failure(Problem(field: "name_km", reason: .script)) }
        guard NameScript.isLatin(name: latin) else { return .failure(Problem(field: "name_latin", reason: .script)) }
        guard let sex = Sex(rawValue: values[2].uppercased()) else { return .failure(Problem(field: "sex", reason: .sex)) }
        let nationality = values[3].uppercased()
        guard nationality.count == 3, nationality.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return .failure(Problem(field: "nationality", reason: .nationality))
        }
        return .success((PersonName(khmer: khmer, latin: latin), sex, nationality))
    }

    /// The rejects file: the header with `line,field,reason` in front, then each refused line's
    /// fields as they were (a cell that would run as a formula made harmless).
    public static func rejectsFile(_ rejections: [Rejection]) -> String {
        var text = "line,field,reason," + header.joined(separator: ",") + "\n"
        for r in rejections { text += "\(r.line),\(r.field),\(r.reason.rawValue),\(RegisterFile.rewritten(r.text))\n" }
        return text
    }
}
