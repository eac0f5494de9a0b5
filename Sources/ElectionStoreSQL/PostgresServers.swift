import Foundation

/// The servers a `postgres://` URL names: one host, or several as libpq and pg_auto_failover write
/// them, `postgres://USER:PASSWORD@HOST1:PORT1,HOST2:PORT2/DATABASE?target_session_attrs=read-write`.
struct PostgresServers: Equatable {
    /// Each host as a URL of its own (same user, database and options; no `target_session_attrs`).
    let urls: [String]
    /// Whether connections must go to the server that accepts writes now (`target_session_attrs`:
    /// `read-write`, the default with several hosts, or `any`).
    let readWrite: Bool

    init(url: String) throws {
        let invalid = StoreConfigurationError.invalidPostgresURL(url)
        guard let front = Self.split(url)?.front, let items = Self.queryItems(of: url) else { throw invalid }
        let authority = front[(front.range(of: "://")?.upperBound ?? front.startIndex)...]
        // The user's part ends at the last '@' (a password may hold one).
        let hostsStart = authority.lastIndex(of: "@").map(authority.index(after:)) ?? authority.startIndex
        let hosts = authority[hostsStart...].split(separator: ",", omittingEmptySubsequences: false)
        guard hosts.allSatisfy({ !$0.isEmpty }) else { throw invalid }
        let attributes = items.last { $0.name == "target_session_attrs" }?.value
        switch attributes {
        case nil: readWrite = hosts.count > 1
        case "read-write": readWrite = true
        case "any": readWrite = false
        default: throw StoreConfigurationError.invalidPostgresURL(url + " (target_session_attrs may be read-write or any)")
        }
        // PostgresNIO knows no target_session_attrs: the engine does what it asks.
        guard let plain = Self.url(url, queryItems: items.filter { $0.name != "target_session_attrs" }),
              let plainTail = Self.split(plain)?.tail else { throw invalid }
        urls = hosts.map { String(front[..<hostsStart] + $0 + plainTail) }
    }

    /// `url` cut where its hosts end: scheme, user and hosts; then path, query and fragment.
    static func split(_ url: String) -> (front: Substring, tail: Substring)? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let end = url[schemeEnd.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        return (url[..<end], url[end...])
    }

    /// The query items of a URL of one host or several; nil if it is no URL.
    static func queryItems(of url: String) -> [URLQueryItem]? {
        guard let tail = split(url)?.tail, let components = URLComponents(string: "postgres://host" + tail) else { return nil }
        return components.queryItems ?? []
    }

    /// `url` with `items` as its query (none when empty).
    static func url(_ url: String, queryItems items: [URLQueryItem]) -> String? {
        guard let (front, tail) = split(url), var components = URLComponents(string: "postgres://host" + tail) else { return nil }
        components.queryItems = items.isEmpty ? nil : items
        guard let string = components.string else { return nil }
        return String(front) + String(string.dropFirst("postgres://host".count))
    }
}
