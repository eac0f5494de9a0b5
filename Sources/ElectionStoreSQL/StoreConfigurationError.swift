/// Why a store could not be opened as configured.
public enum StoreConfigurationError: Error, Equatable, CustomStringConvertible {
    case invalidPostgresURL(String)
    case postgresUnreachable(String)
    /// Sala's migration files are not where it was installed: the `.resources` bundle beside the executable is missing.
    case migrationsMissing(String)
    /// A `--postgres-replica` that is not a copy of the primary's database, or not caught up with it.
    case replicaUnlike(replica: String, why: String)

    public var description: String {
        switch self {
        case .invalidPostgresURL(let url):
            "'\(url)' is not a PostgreSQL URL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE"
        case .postgresUnreachable(let why):
            "could not reach the PostgreSQL server: \(why)"
        case .migrationsMissing(let directory):
            "Sala's migrations are missing (looked in \(directory)); install the executable with its resources"
        case .replicaUnlike(let replica, let why):
            "the replica \(replica) is not a copy of the primary's database: \(why)"
        }
    }
}
