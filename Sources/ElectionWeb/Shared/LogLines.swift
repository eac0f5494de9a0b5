import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A log handler writing one line per message in a format a machine reads: logfmt
/// (`ts=... level=info logger=Sala msg=request method=GET ...`) or JSON lines
/// (`{"ts":"...","level":"info",...}`). `sala serve --log-format` chooses it; the default stays
/// swift-log's readable lines. Each line is one `write` to the file descriptor, so lines from
/// several threads never interleave and a supervisor sees each one at once.
public struct LogLines: LogHandler {
    public enum Format: String, Sendable, CaseIterable {
        case logfmt
        case json
    }

    public let format: Format
    public let label: String
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let output: @Sendable (String) -> Void

    /// Writes to standard error.
    public init(label: String, format: Format) {
        self.init(label: label, format: format, write: writeStandardError)
    }

    /// Hands each line (with its newline) to `write`.
    public init(label: String, format: Format, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.format = format
        self.output = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [(String, String)] = [("ts", Self.timestamp(Date())), ("level", event.level.rawValue), ("logger", label), ("msg", "\(event.message)")]
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let extra = event.metadata { all.merge(extra) { $1 } }
        for (key, value) in all.sorted(by: { $0.key < $1.key }) { Self.flatten(key, value, into: &fields) }
        output(format == .json ? Self.json(fields) : Self.logfmt(fields))
    }

    static func flatten(_ key: String, _ value: Logger.Metadata.Value, into fields: inout [(String, String)]) {
        switch value {
        case .string(let text): fields.append((key, text))
        case .stringConvertible(let value): fields.append((key, value.description))
        case .array(let values): fields.append((key, values.map(\.description).joined(separator: ",")))
        case .dictionary(let values):
            for (inner, value) in values.sorted(by: { $0.key < $1.key }) { flatten("\(key).\(inner)", value, into: &fields) }
        }
    }

    /// `key=value` pairs; a value with a space, `=`, a quote or a control character is quoted
    /// and escaped, so that one message is always one line.
    static func logfmt(_ fields: [(String, String)]) -> String {
        var line = ""
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { line += " " }
            line += key
            line += "="
            let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "=" && $0 != "\"" && $0 != "\\" && $0.value != 0x7f }
            line += plain ? value : "\"" + escaped(value) + "\""
        }
        return line + "\n"
    }

    static func json(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\"\(escaped($0.0))\":\"\(escaped($0.1))\"" }.joined(separator: ",") + "}\n"
    }

    /// Backslash escapes that both JSON and logfmt readers take: quotes, backslashes and control characters.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// UTC with milliseconds, `2023-07-23T06:30:00.123Z`, without a formatter (one per line would cost more than the line).
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var whole = time_t(milliseconds / 1000)
        let millis = Int(milliseconds % 1000)
        var parts = tm()
        gmtime_r(&whole, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let ms = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(ms)Z"
    }
}

private func writeStandardError(_ line: String) {
    var line = line
    line.withUTF8 { bytes in
        var rest = UnsafeRawBufferPointer(bytes)
        while !rest.isEmpty {
            let written = write(2, rest.baseAddress, rest.count)
            if written <= 0 { return }
            rest = UnsafeRawBufferPointer(rebasing: rest[written...])
        }
    }
}
