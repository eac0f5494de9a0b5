import ArgumentParser
import ElectionCore
import ElectionOperations
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionWeb
import Foundation
import Hummingbird

/// `sala serve`: the public portal and the JSON API.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the public portal and the JSON API.",
        discussion: """
            With SQLite, a missing database file is first built from the cambodia-2023 scenario \
            with a demo register of --demo-voters voters.
            """)

    @OptionGroup var store: StoreOptions

    @OptionGroup var operations: OperationsOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(help: "Registration checks one client address may make per minute (the public check must not be a way to sweep the register).")
    var registrationChecksPerMinute = LookupShares.standard.perClient

    @Option(help: "Registration checks one client network (an IPv4 /24, an IPv6 /64) may make per minute.")
    var registrationChecksPerNetwork = LookupShares.standard.perNetwork

    @Option(help: "Registration checks everyone together may make per minute.")
    var registrationChecksOverall = LookupShares.standard.overall ?? 60_000

    @Flag(help: "Mark session cookies Secure: set this when Sala is served over HTTPS (behind a proxy).")
    var secureCookies = false

    @Option(help: ArgumentHelp(
        "A proxy (address or CIDR block, repeatable) whose X-Forwarded-For names the client the limits count; from any other address the header is ignored.",
        valueName: "CIDR"))
    var trustedProxy: [String] = []

    @Option(help: ArgumentHelp(
        "Start the server's clock at this instant and let it run (a rehearsal of election day, or a demonstration of an election already held), e.g. 2023-07-23T06:30:00+07:00.",
        valueName: "ISO-8601"))
    var clockStart: String?

    @Option(help: ArgumentHelp(
        "A PostgreSQL streaming replica of --postgres (repeatable): the public's reads (registration check, station finder, results pages) go to the replicas in turn.",
        valueName: "URL"))
    var postgresReplica: [String] = []

    @Option(help: "Register size of the demo database built when there is none.")
    var demoVoters = 200_000

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, not \(port).") }
        for (option, value) in [("per-minute", registrationChecksPerMinute), ("per-network", registrationChecksPerNetwork),
                                ("overall", registrationChecksOverall)] where value < 1 {
            throw ValidationError("--registration-checks-\(option) must be at least 1, not \(value).")
        }
        for block in trustedProxy where TrustedProxies.Block(block) == nil {
            throw ValidationError("--trusted-proxy must be an IP address or a CIDR block such as 10.0.0.0/8, not '\(block)'.")
        }
        if let clockStart, Self.instant(clockStart) == nil {
            throw ValidationError("--clock-start must be an ISO 8601 instant with its offset, e.g. 2023-07-23T06:30:00+07:00, not '\(clockStart)'.")
        }
        if !postgresReplica.isEmpty && store.postgres == nil {
            throw ValidationError("--postgres-replica needs --postgres: a replica is a standby of a PostgreSQL primary.")
        }
        for replica in postgresReplica {
            guard replica.hasPrefix("postgres://") || replica.hasPrefix("postgresql://") else {
                throw ValidationError("--postgres-replica must be a URL starting with postgres://, not '\(replica)'.")
            }
            guard replica != store.postgres else {
                throw ValidationError("--postgres-replica must name a standby, not the primary (--postgres) itself.")
            }
        }
        guard (1...CambodiaScenario.officialRegisteredVoters).contains(demoVoters) else {
            throw ValidationError("--demo-voters must be between 1 and 9,710,655.")
        }
    }

    func run() async throws {
        let metrics = operations.bootstrap()
        let target = try store.target(defaultPath: "sala.sqlite")
        if case .sqlite(let path) = target, !FileManager.default.fileExists(atPath: path) {
            announce("No database at \(path): building the \(CambodiaScenario.name) scenario with \(Numerals.grouped(demoVoters)) voters.")
            let report = try await ScenarioBuild.showingProgress(seed: CambodiaScenario.defaultSeed, voters: demoVoters)
                .buildSQLite(at: path, replacing: false)
            announce(String(format: "Built in %.1f s.", report.totalSeconds))
        }
        let opened = try await target.openExisting()
        do {
            _ = try await opened.election()
        } catch StoreError.empty {
            try await opened.close()
            throw ValidationError("The database holds no election yet. Build one with `sala scenario cambodia-2023` first.")
        }
        let replicas: SQLElectionStore?
        do {
            replicas = postgresReplica.isEmpty ? nil : try await opened.replicated(by: postgresReplica)
        } catch {
            try? await opened.close()
            throw error
        }
        if !postgresReplica.isEmpty { announce("Public reads go to \(postgresReplica.count) replica(s).") }
        // The registration check answers from memory once the index is built (about a minute for the
        // full register), from the database until then; it follows the store that answers the public.
        (replicas ?? opened).keepRegistrationIndex()
        do {
            let app = try await PortalApplication.build(
                store: opened, publicReads: replicas, host: host, port: port,
                registrationChecks: LookupShares(
                    perClient: registrationChecksPerMinute, perNetwork: registrationChecksPerNetwork, overall: registrationChecksOverall),
                secureCookies: secureCookies, trustedProxies: TrustedProxies(trustedProxy.compactMap(TrustedProxies.Block.init)),
                clock: clockStart.flatMap(Self.instant).map(PortalClock.starting(at:)) ?? .system,
                metrics: metrics, logRequests: true)
            announce("Serving Sala on http://\(host):\(port)/")
            // SIGTERM or SIGINT: stop accepting, answer the requests in flight, then return.
            try await app.runService()
            announce("Stopped serving: every request in flight was answered; closing the database.")
        } catch {
            // A bad strings file stops the portal before it starts: close the store, so that the error
            // is reported rather than SQLite's assertion on a connection left open.
            try? await replicas?.close()
            try? await opened.close()
            throw error
        }
        try await replicas?.close()
        try await opened.close()
    }
}

/// Writes a line to standard output at once (print is buffered when the output is a file), so a
/// log file or a supervisor sees each message when it happens.
func announce(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

extension Serve {
    /// An ISO 8601 instant with its offset (`2023-07-23T06:30:00+07:00` or `...Z`).
    static func instant(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text)
    }
}
