/// Rows written as a JSON array of objects, one key per column, for PostgreSQL's
/// `json_populate_recordset` (a NULL is a key left out). Written by hand: Foundation's JSONEncoder
/// took a fifth of the server's time while result forms were entered.
enum JSONRecords {
    static func text(columns: [String], rows: [[BulkValue]]) -> String {
        // Keys are column names, written once each, already quoted.
        let keys = columns.map { column -> [UInt8] in
            var key: [UInt8] = []
            appendString(column, to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * columns.count * 24)
        out.append(UInt8(ascii: "["))
        for (index, row) in rows.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in zip(keys, row) {
                guard let text = value.asText else { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(contentsOf: key)
                appendString(text, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as is.
    private static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let utf8 = text.utf8
        // Almost no value needs escaping: copy those whole.
        if !utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            out.append(contentsOf: utf8)
        } else {
            let hex = Array("0123456789abcdef".utf8)
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte)
                case 0..<0x20:
                    out.append(contentsOf: Array("\\u00".utf8))
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                default:
                    out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
