import ElectionCore

/// A voter register file: every line is split, checked as `sala import voters` checks it, and
/// written back as the export and the rejects file write it, which must read back the same.
enum RegisterFuzz {
    static let eligibility = VoterEligibility(
        electionDay: CalendarDate(year: 2023, month: 7, day: 23)!, minimumAge: 18, citizenship: "KHM")
    static let exportHeader = try! RegisterFile.Header(RegisterFile.columns)

    static func run(_ bytes: [UInt8]) throws(FuzzFinding) {
        let lines = FuzzInput.lines(bytes)
        guard let first = lines.first else { return }
        // The file's own header when it reads; otherwise the export's, so that the lines are tried anyway.
        var header = exportHeader
        if case .success(let names) = RegisterFile.fields(of: first) {
            do {
                header = try RegisterFile.Header(names)
            } catch {
                _ = "\(error)"
            }
        }
        for line in lines.dropFirst() {
            let fields: [String]
            switch RegisterFile.fields(of: line) {
            case .failure(let problem):
                _ = problem.reason
                // A refused line, as the rejects file holds it (bytes that are not UTF-8 replaced),
                // is written again field by field, or as one field when it still cannot be split.
                let text = String(decoding: line, as: UTF8.self)
                let rewritten = RegisterFile.rewritten(text)
                let expected = switch RegisterFile.fields(of: ArraySlice(text.utf8)) {
                case .success(let fields): fields.map(harmless)
                case .failure: [harmless(text)]
                }
                try require(RegisterFile.fields(of: ArraySlice(rewritten.utf8)) == .success(expected),
                            "a refused line rewritten for the rejects file does not read back: \(rewritten)")
                continue
            case .success(let found): fields = found
            }
            // Each field written again (quoted where needed) reads back as it was, a formula behind its apostrophe.
            let again = fields.map(RegisterFile.quoted).joined(separator: ",")
            try require(RegisterFile.fields(of: ArraySlice(again.utf8)) == .success(fields.map(harmless)),
                        "fields written again do not read back: \(again)")
            guard fields.count == header.width else { continue }
            let ordered = header.positions.map { fields[$0] }
            guard case .success(let voter) = eligibility.voter(from: ordered, knownStation: { _ in true }) else { continue }
            // The export's line for the voter is taken again as the same voter.
            let exported = RegisterFile.line(of: voter, citizenship: eligibility.citizenship)
            try require(exported.hasSuffix("\n"), "an exported line does not end its line")
            guard case .success(let read) = RegisterFile.fields(of: ArraySlice(exported.utf8.dropLast())),
                  read.count == exportHeader.width,
                  case .success(let again) = eligibility.voter(from: read, knownStation: { _ in true }) else {
                throw FuzzFinding("an exported voter's line is refused: \(exported)")
            }
            try require(again == voter, "an exported voter reads back otherwise: \(voter) → \(again)")
        }
    }

    /// A field as a written file holds it: after an apostrophe when a spreadsheet would run it.
    static func harmless(_ field: String) -> String {
        NameScript.startsLikeFormula(field) ? "'" + field : field
    }
}

/// How a fuzz input is cut into the pieces a target reads.
public enum FuzzInput {
    /// The lines of a file as the readers split it: at line feeds, a carriage return before one dropped.
    public static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            $0.last == UInt8(ascii: "\r") ? $0.dropLast() : $0
        }
    }

    /// Several files in one input: each starts after a line `=== PATH` and runs to the next such
    /// line (its last line break included) or to the end.
    public static func files(_ bytes: [UInt8]) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        var path: String?
        var content: [UInt8] = []
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            if line.starts(with: "=== ".utf8) {
                if let path { files[path] = content }
                path = String(decoding: line.dropFirst(4), as: UTF8.self)
                content = []
            } else if path != nil {
                content += line
                if i < lines.count - 1 { content.append(UInt8(ascii: "\n")) }
            }
        }
        if let path { files[path] = content }
        return files
    }
}
