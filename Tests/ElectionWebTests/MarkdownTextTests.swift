@testable import ElectionWeb
import Testing

/// Found by probing: `sala report mission --format md` wrote activity notes and the statement into
/// the Markdown as raw HTML.
@Suite struct MarkdownTextTests {
    @Test func writtenTextStaysTextInMarkdown() {
        let note = "<script>alert(1)</script> see [the site](javascript:alert(2)) **now** | a & b"
        let escaped = MarkdownText.escaped(note)
        #expect(!escaped.contains("<"))
        #expect(!escaped.contains("[the site]("))
        #expect(escaped.contains("\\[the site\\]"))
        #expect(!escaped.contains("**"))
        #expect(escaped.contains("&lt;script&gt;"))
        #expect(escaped.contains("a &amp; b"))
        #expect(escaped.contains("\\|"))
        #expect(MarkdownText.escaped("# not a heading\n> not a quote") == "\\# not a heading\n\\&gt; not a quote")
        #expect(MarkdownText.escaped("ការសង្កេត ២០២៣ in Phnom Penh.") == "ការសង្កេត ២០២៣ in Phnom Penh.")
    }

    @Test func aTableCellOrListItemStaysOnOneLine() {
        #expect(MarkdownText.line("first\nsecond | third") == "first second \\| third")
    }
}
