/// The SQL engines the store runs on; the few places their SQL differs ask this.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres

    /// Options closing a `CREATE TABLE`: SQLite tables are STRICT so a value of the wrong type is refused.
    var tableOptions: String { self == .sqlite ? " STRICT" : "" }
    var bigInteger: String { self == .sqlite ? "INTEGER" : "BIGINT" }
    /// An integer key the database numbers itself.
    var identityPrimaryKey: String {
        self == .sqlite ? "INTEGER PRIMARY KEY" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
    }
    var real: String { self == .sqlite ? "REAL" : "DOUBLE PRECISION" }

    /// A CHECK that `column` holds an ISO date `YYYY-MM-DD`.
    func isoDateCheck(_ column: String) -> String {
        switch self {
        case .sqlite: "CHECK (\(column) GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')"
        case .postgres: "CHECK (\(column) ~ '^[0-9]{4}-[01][0-9]-[0-3][0-9]$')"
        }
    }

    /// A CHECK that `column` is made of exactly `length` ASCII digits.
    func digitsCheck(_ column: String, length: Int) -> String {
        switch self {
        case .sqlite:
            "CHECK (\(column) GLOB '\(String(repeating: "[0-9]", count: length))')"
        case .postgres:
            "CHECK (\(column) ~ '^[0-9]{\(length)}$')"
        }
    }
}
