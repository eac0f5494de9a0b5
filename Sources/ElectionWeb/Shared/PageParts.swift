import Hummingbird

/// A controller whose handlers answer with pages, rendered by its ``PageRenderer``.
protocol PageController: Sendable {
    var renderer: PageRenderer { get }
}

extension PageController {
    func page<Content>(
        _ template: String, _ title: String, _ content: Content, _ language: Language, _ path: String,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        renderer.page(template, title: title, content: content, language: language, path: path, status: status)
    }
}

/// A field of a form a page shows: its name, label, what was typed, and whether it was refused.
struct FormField: Sendable {
    let name: String
    let label: String
    let value: String
    let invalid: Bool
}

/// A figure with its label, as a page's facts list them.
struct Fact: Sendable {
    let label: String
    let value: String
}

/// One option of a form's list (a `<select>`): the value sent and the label shown.
struct Choice: Sendable {
    let value: String
    let label: String
    var selected: Bool = false
}

/// A link with its text, the most common thing a page lists.
struct Link: Sendable {
    let href: String
    let label: String
    var detail: String = ""
}
