import ElectionStore
import SQLKit

extension ListPage {
    /// The page as the end of a query (`LIMIT ... OFFSET ...`, the same in SQLite and PostgreSQL).
    var sql: SQLQueryString { "LIMIT \(bind: limit) OFFSET \(bind: offset)" }
}
