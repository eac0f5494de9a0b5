/// Why a store could not be opened as configured.
public enum StoreConfigurationError: Error, Equatable, CustomStringConvertible {
    case invalidPostgresURL(String)
    case postgresUnreachable(String)

    public var description: String {
        switch self {
        case .invalidPostgresURL(let url):
            "'\(url)' is not a PostgreSQL URL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE"
        case .postgresUnreachable(let why):
            "could not reach the PostgreSQL server: \(why)"
        }
    }
}
