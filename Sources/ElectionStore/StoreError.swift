/// Why the store could not do what was asked, in words a caller can show.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No `kind` (e.g. "polling station") has this identifier.
    case notFound(_ kind: String, _ id: String)
    /// A `kind` (e.g. "account") with this identifier exists already.
    case duplicate(_ kind: String, _ id: String)
    /// The store already holds an election; loading another would mix them.
    case alreadyLoaded
    /// The store holds no election yet.
    case empty
    /// The database refused an operation, for the reason it gives.
    case refused(String)
    /// The database was written by a newer Sala (it has migrations this one does not know).
    case unknownMigrations([String])
    /// Another process holds the database's write lock (a backup, a bulk import): nothing was
    /// written, and the same write may be sent again in a few seconds.
    case busy
    /// The database server cannot be reached, or takes no writes now (its primary was lost and a
    /// standby is being promoted). A write may or may not have been made, if the connection was
    /// lost while it committed: send the same again in a few seconds.
    case unavailable

    public var description: String {
        switch self {
        case .notFound(let kind, let id): "no \(kind) with identifier \(id)"
        case .duplicate(let kind, let id): "a \(kind) named \(id) exists already"
        case .alreadyLoaded: "the database already holds an election"
        case .empty: "the database holds no election yet"
        case .refused(let why): "the database refused the operation: \(why)"
        case .unknownMigrations(let names): "the database has migrations this version does not know: \(names.joined(separator: ", "))"
        case .busy: "the database is busy with another process's write; nothing was written, try again in a few seconds"
        case .unavailable: "the database server cannot be reached or takes no writes now; try again in a few seconds"
        }
    }
}
