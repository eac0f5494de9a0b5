import Foundation
import ArgumentParser
import ElectionOperations
import ElectionStore
import ElectionStoreSQL

/// Where a command finds its database: an SQLite file or a PostgreSQL server.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file.", valueName: "PATH"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp(
        "PostgreSQL URL, postgres://USER:PASSWORD@HOST:PORT/DATABASE; a primary and its standbys as HOST1:PORT1,HOST2:PORT2 (writes go to whichever is primary, docs/failover.md).",
        valueName: "URL"))
    var postgres: String?

    func validate() throws {
        if db != nil && postgres != nil {
            throw ValidationError("Give either --db or --postgres, not both.")
        }
        if let db, db.isEmpty { throw ValidationError("--db needs a file path.") }
        if let postgres, !(postgres.hasPrefix("postgres://") || postgres.hasPrefix("postgresql://")) {
            throw ValidationError("--postgres must be a URL starting with postgres://, not '\(postgres)'.")
        }
    }

    /// Opens the database, runs `body` and closes it whatever happens; a ``StoreError`` or an
    /// ``OperationRefusal`` becomes a message for the user.
    func withStore<T>(defaultPath: String? = "sala.sqlite", _ body: (SQLElectionStore) async throws -> T) async throws -> T {
        let db = try await target(defaultPath: defaultPath).openExisting()
        do {
            let value = try await body(db)
            try await db.close()
            return value
        } catch {
            try? await db.close()
            throw userFacing(error)
        }
    }

    /// Which database, with `defaultPath` used when neither option is given (nil: one is required).
    func target(defaultPath: String?) throws -> DatabaseTarget {
        if let postgres { return .postgres(url: postgres) }
        if let path = db ?? defaultPath { return .sqlite(path: path) }
        throw ValidationError("Give --db PATH or --postgres URL.")
    }
}

/// A database a command works on.
enum DatabaseTarget {
    case sqlite(path: String)
    case postgres(url: String)

    /// Opens an existing database for reading and serving.
    func openExisting() async throws -> SQLElectionStore {
        switch self {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                throw ValidationError("There is no database at \(path). Build one with `sala scenario cambodia-2023 --db \(path)`.")
            }
            return try await SQLElectionStore.openSQLite(path: path)
        case .postgres(let url):
            return try await SQLElectionStore.connectPostgres(url: url)
        }
    }
}

/// `error` as the user should see it: a refusal in the store's or an operation's words becomes a
/// ``ValidationError`` (its message and the command's usage); anything else is left as it is.
func userFacing(_ error: any Error) -> any Error {
    switch error {
    case let store as StoreError: ValidationError(store.description)
    case let refusal as OperationRefusal: ValidationError(refusal.description)
    default: error
    }
}
