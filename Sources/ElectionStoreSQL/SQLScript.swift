import Foundation

/// A file of SQL statements, such as a migration, cut into the statements the engines run one at a
/// time (SQLite prepares one statement per call; PostgreSQL's extended protocol takes one).
enum SQLScript {
    /// The statements of `text` in order, without their closing `;` and without comments.
    ///
    /// A `;` ends a statement unless it is inside a string literal (`'…'`), a quoted name (`"…"`),
    /// a comment (`--` to the end of the line, `/* … */`), a PostgreSQL dollar-quoted body
    /// (`$$…$$`, `$tag$…$tag$`), or the `BEGIN … END` body of an SQLite `CREATE TRIGGER`.
    static func statements(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var statements: [String] = []
        var current: [UInt8] = []
        // BEGIN and CASE open a block that END closes; only a trigger's statement has them before its `;`.
        var blockDepth = 0
        var index = 0

        func finish() {
            let statement = String(decoding: current, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !statement.isEmpty { statements.append(statement) }
            current.removeAll()
            blockDepth = 0
        }
        /// Moves past the first `terminator` at or after `index` (or to the end), keeping what it passes if asked.
        func pass(through terminator: String, keeping: Bool) {
            let terminator = Array(terminator.utf8)
            while index < bytes.count, !bytes[index...].starts(with: terminator) {
                if keeping { current.append(bytes[index]) }
                index += 1
            }
            if index < bytes.count {
                if keeping { current.append(contentsOf: terminator) }
                index += terminator.count
            }
        }

        while index < bytes.count {
            let byte = bytes[index]
            let rest = bytes[index...]
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                // A doubled quote inside (an escaped quote) closes and reopens, which comes to the same.
                current.append(byte)
                index += 1
                pass(through: String(UnicodeScalar(byte)), keeping: true)
            } else if rest.starts(with: Array("--".utf8)) {
                pass(through: "\n", keeping: false)
                current.append(UInt8(ascii: "\n"))
            } else if rest.starts(with: Array("/*".utf8)) {
                pass(through: "*/", keeping: false)
                current.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "$"), let tag = dollarTag(in: bytes, at: index) {
                current.append(contentsOf: tag.utf8)
                index += tag.utf8.count
                pass(through: tag, keeping: true)
            } else if isNameByte(byte) {
                let start = index
                while index < bytes.count, isNameByte(bytes[index]) || bytes[index] == UInt8(ascii: "$") { index += 1 }
                current.append(contentsOf: bytes[start..<index])
                switch String(decoding: bytes[start..<index], as: UTF8.self).uppercased() {
                case "BEGIN", "CASE": blockDepth += 1
                case "END": blockDepth -= 1
                default: break
                }
            } else if byte == UInt8(ascii: ";") {
                index += 1
                if blockDepth > 0 && isTrigger(current) {
                    current.append(byte)
                } else {
                    finish()
                }
            } else {
                current.append(byte)
                index += 1
            }
        }
        finish()
        return statements
    }

    /// The opening `$tag$` of a dollar-quoted string at `index`, if one starts there.
    private static func dollarTag(in bytes: [UInt8], at index: Int) -> String? {
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "$") {
            guard isNameByte(bytes[end]), !(end == index + 1 && isDigit(bytes[end])) else { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        return String(decoding: bytes[index...end], as: UTF8.self)
    }

    private static func isTrigger(_ statement: [UInt8]) -> Bool {
        let words = String(decoding: statement, as: UTF8.self).uppercased()
            .split(whereSeparator: \.isWhitespace).prefix(3).map(String.init)
        return words.starts(with: ["CREATE", "TRIGGER"]) || words.starts(with: ["CREATE", "TEMP", "TRIGGER"])
            || words.starts(with: ["CREATE", "TEMPORARY", "TRIGGER"])
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return isDigit(byte) || byte == UInt8(ascii: "_") || (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z"))
            || byte >= 0x80
    }
}
