import Foundation

/// Times as the store keeps them: ISO 8601 text in UTC with milliseconds, which sorts as time does.
enum ISO8601 {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func now() -> String { string(Date()) }

    static func string(_ date: Date) -> String { date.formatted(style) }

    static func date(_ text: String) throws -> Date {
        do { return try style.parse(text) } catch { throw Rows.Malformed(column: "time", value: text) }
    }
}
