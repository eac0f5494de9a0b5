/// Text people wrote (activity notes, the statement, names) written into Markdown as text: a
/// reader that renders the report shows it as typed, never as HTML, links or formatting.
enum MarkdownText {
    /// `text` with HTML's `&`, `<` and `>` as entities and Markdown's marks (`\`, `` ` ``, `*`,
    /// `_`, `[`, `]`, `|`, and `#` or `>` opening a line) escaped; line breaks kept.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var lineStart = true
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += lineStart ? "\\&gt;" : "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|": out += "\\" + String(character)
            case "#" where lineStart: out += "\\#"
            default: out.append(character)
            }
            lineStart = character == "\n" || (lineStart && character == " ")
        }
        return out
    }

    /// ``escaped(_:)`` on one line: for a list item or a table cell, where a line break would end it.
    static func line(_ text: String) -> String {
        escaped(text.split(whereSeparator: \.isNewline).joined(separator: " "))
    }
}
