import Mustache
import Synchronization

/// A page's model as swift-mustache reads it, with every model struct turned into a dictionary of
/// its fields once, before rendering.
///
/// swift-mustache finds a name in a struct by reflecting it anew (`Mirror`, every field boxed) for
/// each name it looks up, and a name not in the innermost section is looked for in every struct
/// below it: a results page with a hundred rows reflected its rows, its totals and the page itself
/// thousands of times, most of the page's cost (on results night, pages made again every second).
/// A dictionary answers each name directly, and renders the same: a section over it is that
/// section over the struct, and a field that is nil is left out, as swift-mustache skips it.
///
/// Only plain model structs and classes are turned: values rendered as text (`String`, numbers,
/// enums, codes and dates that describe themselves) and anything with Mustache behaviour of its own
/// stay as they are.
enum TemplateModel {
    /// Set by tests: every page is rendered a second time from the model itself (swift-mustache
    /// reflecting it), and a page that differs is noted in ``differences``.
    static let checking = Atomic(false)
    static let differences = Mutex<[String]>([])

    static func values(_ value: Any) -> Any {
        if value is String || value is Bool || value is Int { return value }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct?, .class?:
            guard !(value is any CustomStringConvertible), !(value is any CustomReflectable), !(value is any MustacheParent),
                  !(value is any MustacheCustomRepresentation), !(value is any MustacheCustomRenderable), !(value is MustacheLambda)
            else { return value }
            var fields: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label, let field = unwrapped(child.value) else { continue }
                fields[label] = values(field)
            }
            return fields
        case .collection?:
            guard let array = value as? [Any] else { return value }
            return array.map { unwrapped($0).map(values) as Any }
        default:
            return value
        }
    }

    /// The value an optional holds, nil for none; any other value as it is.
    private static func unwrapped(_ value: Any) -> Any? {
        guard let optional = value as? any OptionalValue else { return value }
        return optional.wrapped.flatMap(unwrapped)
    }
}

private protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrapped: Any? { map { $0 } }
}
