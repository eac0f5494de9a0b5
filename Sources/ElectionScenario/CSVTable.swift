/// A small reader for the comma-separated files bundled with a scenario (RFC 4180 quoting).
struct CSVTable {
    let header: [String]
    let rows: [[String]]

    /// Thrown when a file does not have the columns its reader expects.
    struct MissingColumn: Error, CustomStringConvertible {
        let file: String
        let column: String
        var description: String { "\(file) has no column '\(column)'" }
    }

    init(text: String) {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let c = pending {
            pending = iterator.next()
            if quoted {
                if c == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",":
                record.append(field)
                field = ""
            case "\r": break
            case "\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        header = records.first ?? []
        rows = Array(records.dropFirst()).filter { $0 != [""] }
    }

    /// The rows as dictionaries keyed by column name; fails if a column in `required` is absent.
    func records(file: String, required: [String]) throws -> [[String: String]] {
        for column in required where !header.contains(column) {
            throw MissingColumn(file: file, column: column)
        }
        return rows.map { row in
            var record: [String: String] = [:]
            for (index, name) in header.enumerated() { record[name] = index < row.count ? row[index] : "" }
            return record
        }
    }
}
