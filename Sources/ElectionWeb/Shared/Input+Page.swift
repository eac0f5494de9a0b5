import ElectionStore
import Hummingbird

extension Input {
    /// Most items a list that grows with use gives in one answer, unless `limit` asks for fewer.
    static let pageDefault = 100
    /// The largest `limit` a client may ask for; more is refused (400 naming `limit`), not clipped.
    static let pageMaximum = 1_000
    /// The largest `offset`: far beyond any list Sala keeps, short of making the database skip without end.
    static let offsetMaximum = 1_000_000

    /// The page a query asks for with `limit` (1 to `maximum`, `fallback` when absent) and
    /// `offset` (0 to ``offsetMaximum``, 0 when absent).
    static func page(_ query: [String: Substring], default fallback: Int = pageDefault, maximum: Int = pageMaximum) throws -> ListPage {
        ListPage(
            offset: try integer(query["offset"], field: "offset", range: 0...offsetMaximum, default: 0),
            limit: try integer(query["limit"], field: "limit", range: 1...maximum, default: fallback))
    }

    /// How many revoked badges one answer gives at most, and unless asked for fewer: verifiers keep
    /// the list to check badges offline, so a page of it must hold every revocation the NEC will
    /// realistically make (each one decided by hand), and a list cut short would pass a revoked badge.
    static let revocationsPage = 10_000
}
