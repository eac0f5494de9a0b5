import Foundation
import Hummingbird
import Mustache

/// What every page shows around its content: title, language switch, menu, footer.
struct Layout: Sendable {
    struct MenuItem: Sendable {
        let href: String
        let label: String
        let current: Bool
    }

    let lang: String
    let title: String
    let switchHref: String
    let switchLang: String
    let menu: [MenuItem]
    /// The style sheet, in the page: on a slow phone network each request costs a round trip of
    /// seconds, more than the 2 KB the sheet adds to a gzipped page.
    let style: String
}

/// A page as its template sees it: the layout, the interface strings `t`, and the page's own model.
struct Page<Content>: @unchecked Sendable {
    let layout: Layout
    let t: [String: String]
    let content: Content
}

/// Renders pages from the Mustache templates bundled with the web target.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let style: String

    /// The templates, and the strings they show (a bad strings file stops here, at start).
    static func load() async throws -> PageRenderer {
        _ = try Translations.loaded()
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw CocoaError(.fileNoSuchFile)
        }
        return PageRenderer(library: try await MustacheLibrary(directory: directory), style: Assets.text("style.css"))
    }

    /// Renders `template` with `content`; `path` is the page's path after the language prefix,
    /// used for the language switch and to mark the current menu entry.
    func page<Content>(
        _ template: String, title: String, content: Content, language: Language, path: String,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let html = html(template, title: title, content: content, language: language, path: path)
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLanguage] = language.rawValue
        headers[.contentSecurityPolicy] = PagePolicy.forPage(html)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The page's HTML alone (for documents written to files).
    func html<Content>(_ template: String, title: String, content: Content, language: Language, path: String) -> String {
        let layout = Layout(
            lang: language.rawValue, title: title,
            switchHref: "/\(language.other.rawValue)\(path)", switchLang: language.other.rawValue,
            menu: [("/", "nav.home"), ("/registration", "nav.registration"), ("/stations", "nav.stations"),
                   ("/commissions", "nav.commissions"), ("/parties", "nav.parties"), ("/map", "nav.map"),
                   ("/results", "nav.results"), ("/complaints", "nav.complaints"), ("/library", "nav.library"), ("/missions", "nav.missions"),
                   ("/observe", "nav.observe"), ("/desk", "nav.desk")]
                .map { href, key in
                    Layout.MenuItem(
                        href: "/\(language.rawValue)\(href)", label: language.text(key),
                        current: href == "/" ? path == "/" : path.hasPrefix(href))
                },
            style: style)
        let page = Page(layout: layout, t: language.templateStrings, content: content)
        let html = library.render(TemplateModel.values(page), withTemplate: template) ?? ""
        if TemplateModel.checking.load(ordering: .relaxed), html != library.render(page, withTemplate: template) {
            TemplateModel.differences.withLock { $0.append("\(template) \(path)") }
        }
        return html
    }
}
