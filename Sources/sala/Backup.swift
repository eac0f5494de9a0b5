import ArgumentParser
import ElectionStore
import ElectionStoreSQL
import Foundation

/// `sala backup`: a copy of the database taken while Sala serves it.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database while Sala serves it: SQLite's VACUUM INTO, or pg_dump on PostgreSQL.",
        discussion: """
            The copy holds every write acknowledged before it began. With SQLite it is a database file \
            (checked with SQLite's integrity check once written); with PostgreSQL it is pg_dump's custom \
            format of Sala's schema (the URL's `schema`, or `public`). Restore it with `sala restore`.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("The file to write (it must not exist).", valueName: "FILE")) var out: String

    func run() async throws {
        guard !FileManager.default.fileExists(atPath: out) else { throw ValidationError("\(out) exists already: give a new file.") }
        let started = ContinuousClock.now
        switch try store.target(defaultPath: "sala.sqlite") {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("There is no database at \(path).") }
            try await SQLiteBackup.copy(path, to: out)
            if let problems = await SQLiteBackup.problems(out) {
                try? FileManager.default.removeItem(atPath: out)
                throw ValidationError("The copy failed SQLite's integrity check and was removed: \(problems)")
            }
        case .postgres(let url):
            // Sala's schema only: another schema in the same database is not Sala's to copy.
            let location = try SQLElectionStore.postgresLocation(url)
            try PostgresTools.run("pg_dump", [
                "--format=custom", "--no-owner", "--schema", location.schema, "--file", out, "--dbname", location.url])
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        announce(String(format: "Backed up to %@: %.1f MB in %.1f s.", out, Double(size) / 1e6, (ContinuousClock.now - started).seconds))
    }
}

/// `sala restore`: a backup put back, checked before anything is replaced.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put a backup back: an SQLite copy becomes the database file; a pg_dump file is restored into the PostgreSQL database.",
        discussion: """
            An SQLite backup is checked (SQLite's integrity check, then opened as a Sala database, which \
            brings an older one's schema up to date) before it replaces anything, and replaces an existing \
            database only with --force; the file is swapped in whole, so a failed restore leaves the old \
            database as it was. Stop `sala serve` first. On PostgreSQL, pg_restore --clean replaces the \
            tables of Sala's schema in one transaction.
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Replace a database that exists.") var force = false
    @Argument(help: ArgumentHelp("The backup `sala backup` wrote.", valueName: "FILE")) var backup: String

    func run() async throws {
        guard FileManager.default.fileExists(atPath: backup) else { throw ValidationError("There is no backup at \(backup).") }
        switch try store.target(defaultPath: "sala.sqlite") {
        case .sqlite(let path):
            if FileManager.default.fileExists(atPath: path) && !force {
                throw ValidationError("There is a database at \(path) already: stop Sala and give --force to replace it.")
            }
            let staging = path + ".restoring"
            try? FileManager.default.removeItem(atPath: staging)
            try FileManager.default.copyItem(atPath: backup, toPath: staging)
            do {
                if let problems = await SQLiteBackup.problems(staging) {
                    throw ValidationError("\(backup) is not a sound SQLite database (\(problems)); nothing was replaced.")
                }
                let summary = try await Self.summary(try await SQLElectionStore.openSQLite(path: staging))
                for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staging + suffix) }
                // rename(2) swaps the file in one step: the database is the old one or the restored one, never neither.
                guard rename(staging, path) == 0 else {
                    throw ValidationError("\(staging) could not replace \(path): \(String(cString: strerror(errno))); nothing was replaced.")
                }
                announce("Restored \(path) from \(backup): \(summary).")
            } catch {
                try? FileManager.default.removeItem(atPath: staging)
                throw userFacing(error)
            }
        case .postgres(let url):
            let location = try SQLElectionStore.postgresLocation(url)
            try PostgresTools.run("pg_restore", [
                "--clean", "--if-exists", "--no-owner", "--single-transaction", "--schema", location.schema,
                "--dbname", location.url, backup])
            let summary = try await Self.summary(try await SQLElectionStore.connectPostgres(url: url))
            announce("Restored the PostgreSQL database from \(backup): \(summary).")
        }
    }

    /// What the restored database holds, for the operator to compare with what they expect.
    /// Throws when the audit chain does not hold: a backup whose history was changed is no backup.
    /// Closes the store.
    static func summary(_ store: SQLElectionStore) async throws -> String {
        do {
            let summary = try await describe(store)
            try await store.close()
            return summary
        } catch {
            try? await store.close()
            throw error
        }
    }

    private static func describe(_ store: SQLElectionStore) async throws -> String {
        let election = try await store.election()
        let publications = try await store.publications().count
        let accounts = try await store.officials().count
        let audit = try await store.verifyAuditChain()
        guard audit.holds else {
            throw ValidationError("the audit chain of the backup does not hold (entry \(audit.problems[0].position) \(audit.problems[0].kind.rawValue)); nothing was replaced.")
        }
        return "\(election.id), \(accounts) accounts, \(publications) results publications; the audit chain holds: \(audit.entries) entries, head \(audit.head)"
    }
}

/// PostgreSQL's own client programs, run as they are.
enum PostgresTools {
    /// Runs `program` (found on the PATH, or in Debian's /usr/lib/postgresql/15/bin) and fails with
    /// its error output when it fails.
    static func run(_ program: String, _ arguments: [String]) throws {
        let candidates = ["/usr/lib/postgresql/15/bin/\(program)"] + (ProcessInfo.processInfo.environment["PATH"] ?? "")
            .split(separator: ":").map { "\($0)/\(program)" }
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ValidationError("\(program) was not found: install PostgreSQL's client programs (Debian: postgresql-client-15).")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("\(program) failed: \(String(decoding: said, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}
