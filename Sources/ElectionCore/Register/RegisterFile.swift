import Foundation

/// The CSV file of voters that `sala import voters` reads and `sala export voters` writes.
///
/// UTF-8, one voter a line, a header line naming the columns (in any order). Fields may be quoted
/// with `"` (a quote inside doubled), but a field never spans lines: a line with a quote left open
/// is refused on its own, so one bad line cannot swallow the rest of the file.
public enum RegisterFile {
    /// The columns, each required once.
    public static let columns = [
        "voter_number", "name_km", "name_latin", "sex", "date_of_birth", "station_code", "citizenship", "disqualification",
    ]

    /// The header line as written by the export.
    public static var headerLine: String { columns.joined(separator: ",") }

    /// Where each column is in the file's lines, from its header.
    public struct Header: Sendable, Equatable {
        /// Index in a line of each of ``RegisterFile/columns``, in that order.
        public let positions: [Int]
        /// Fields a line must have.
        public let width: Int

        /// Reads a header; throws ``RegisterFileError`` naming what is wrong with it.
        public init(_ fields: [String]) throws {
            var index: [String: Int] = [:]
            for (i, raw) in fields.enumerated() {
                let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
                    .replacingOccurrences(of: "\u{FEFF}", with: "")
                guard RegisterFile.columns.contains(name) else { throw RegisterFileError.unknownColumn(raw) }
                guard index[name] == nil else { throw RegisterFileError.repeatedColumn(name) }
                index[name] = i
            }
            let missing = RegisterFile.columns.filter { index[$0] == nil }
            guard missing.isEmpty else { throw RegisterFileError.missingColumns(missing) }
            positions = RegisterFile.columns.map { index[$0]! }
            width = fields.count
        }
    }

    /// Splits one line (without its line break) into fields, or says why it cannot.
    public static func fields(of line: ArraySlice<UInt8>) -> Result<[String], LineProblem> {
        guard String(validating: line, as: UTF8.self) != nil else {
            var offset = 0
            // Find the first byte that breaks UTF-8, for the message.
            var start = line.startIndex
            while start < line.endIndex {
                var end = min(start + 4, line.endIndex)
                var decoded = false
                while end > start {
                    if String(validating: line[start..<end], as: UTF8.self) != nil { decoded = true; break }
                    end -= 1
                }
                if !decoded { break }
                start = end
            }
            offset = start - line.startIndex + 1
            return .failure(.invalidUTF8(byte: offset))
        }
        if !line.contains(UInt8(ascii: "\"")) {
            // No quotes: split the bytes at commas (a comma byte is never inside a UTF-8 sequence).
            return .success(line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) })
        }
        // Bytes, not scalars: a quote and a comma are single bytes that never occur inside a
        // multi-byte UTF-8 sequence, and the line is valid UTF-8 (checked above).
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            i += 1
            if quoted {
                if c == quote {
                    if i < line.endIndex && line[i] == quote {
                        field.append(quote)
                        i += 1
                    } else {
                        quoted = false
                        if i < line.endIndex && line[i] != comma { return .failure(.textAfterQuote(field: fields.count + 1)) }
                    }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case comma:
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
            case quote:
                guard field.isEmpty && !wasQuoted else { return .failure(.strayQuote(field: fields.count + 1)) }
                quoted = true
                wasQuoted = true
            default:
                field.append(c)
            }
        }
        if quoted { return .failure(.quoteLeftOpen(field: fields.count + 1)) }
        fields.append(String(decoding: field, as: UTF8.self))
        return .success(fields)
    }

    /// A field for a line of any CSV file Sala writes: quoted when it holds a comma, a quote or a
    /// line break, and, when it starts as a spreadsheet formula would (``NameScript/startsLikeFormula(_:)``),
    /// written after an apostrophe so that a spreadsheet shows it as text instead of running it.
    public static func quoted(_ field: String) -> String {
        if NameScript.startsLikeFormula(field) { return "\"'" + doublingQuotes(field) + "\"" }
        // Bytes, not characters: grapheme breaking made this the slowest part of writing a file.
        guard field.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return field }
        return "\"" + doublingQuotes(field) + "\""
    }

    /// `field` with each quote doubled. Bytes again, and for correctness too: a quote followed by a
    /// combining mark is one Character with it, which replacing the String "\"" left single, so
    /// the line read back wrong (found by `bench/fuzz`).
    static func doublingQuotes(_ field: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.utf8.count + 8)
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == 34 { bytes.append(34) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A line a file refused, for a rejects file: its fields written again one by one
    /// (``quoted(_:)``), or the whole line as one field when it cannot be split.
    public static func rewritten(_ line: String) -> String {
        switch fields(of: ArraySlice(Array(line.utf8))) {
        case .success(let fields): fields.map(quoted).joined(separator: ",")
        case .failure: quoted(line)
        }
    }

    /// The line the export writes for a voter (no disqualification: the register holds none).
    public static func line(of voter: Voter, citizenship: String) -> String {
        "\(voter.number),\(quoted(voter.name.khmer)),\(quoted(voter.name.latin)),\(voter.sex.rawValue),"
            + "\(voter.dateOfBirth.iso),\(voter.stationCode),\(citizenship),\n"
    }

    /// Why a line could not be split into fields.
    public enum LineProblem: Error, Equatable, Sendable {
        case invalidUTF8(byte: Int)
        case quoteLeftOpen(field: Int)
        case strayQuote(field: Int)
        case textAfterQuote(field: Int)

        /// The reason, for the rejects file.
        public var reason: String {
            switch self {
            case .invalidUTF8(let byte): "not valid UTF-8 (byte \(byte) of the line)"
            case .quoteLeftOpen(let field): "a quote is left open in field \(field)"
            case .strayQuote(let field): "a quote in the middle of field \(field) (quote the whole field and double the quote)"
            case .textAfterQuote(let field): "text after the closing quote of field \(field)"
            }
        }
    }
}

/// Why a whole register file is refused before anything is imported.
public enum RegisterFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case unreadableHeader(RegisterFile.LineProblem)
    case unknownColumn(String)
    case repeatedColumn(String)
    case missingColumns([String])

    public var description: String {
        let expected = "expected the header line \(RegisterFile.headerLine)"
        return switch self {
        case .empty: "The file is empty: \(expected)."
        case .unreadableHeader(let problem): "The header line cannot be read: \(problem.reason)."
        case .unknownColumn(let name): "The header names an unknown column '\(name)': \(expected)."
        case .repeatedColumn(let name): "The header names the column '\(name)' twice."
        case .missingColumns(let names): "The header lacks the column\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")): \(expected)."
        }
    }
}
