import ElectionStore
import Foundation

extension SQLElectionStore {
    /// A store for the public's reads over PostgreSQL replicas of this store's database (streaming
    /// standbys of its server): each read goes to the next replica in turn, and to this store's
    /// primary when a replica fails; writes go to the primary. The replicas are opened read-only
    /// and never migrated. Each must hold the same migrations and the same election as the primary:
    /// one that does not within `catchUpWithin` (a primary that has just migrated may be a moment
    /// ahead) is refused. Closing the returned store closes the replicas' connections only.
    public func replicated(by urls: [String], catchUpWithin: Duration = .seconds(15)) async throws -> SQLElectionStore {
        guard engine.dialect == .postgres, !urls.isEmpty else {
            throw StoreConfigurationError.replicaUnlike(replica: urls.first ?? "", why: "replicas are for a PostgreSQL primary")
        }
        let wanted = try await likeness()
        var opened: [ReplicaEngine.Replica] = []
        do {
            for url in urls {
                let name = Self.replicaName(url)
                let engine = try await PostgresEngine.connect(url: url, readOnly: true)
                opened.append(.init(engine: engine, name: name))
                try await Self.waitUntilLike(wanted, SQLElectionStore(engine: engine), name: name, within: catchUpWithin)
            }
        } catch {
            for replica in opened { try? await replica.engine.close() }
            throw error
        }
        return SQLElectionStore(engine: ReplicaEngine(replicas: opened, primary: engine))
    }

    /// What a copy of this database must hold as well: its migrations and its election.
    private func likeness() async throws -> [String] {
        let election = (try? await election().id) ?? "none"
        return try await appliedMigrations() + ["election \(election)"]
    }

    private static func waitUntilLike(_ wanted: [String], _ replica: SQLElectionStore, name: String, within: Duration) async throws {
        let deadline = ContinuousClock.now + within
        while true {
            let found: [String]
            do {
                found = try await replica.likeness()
            } catch {
                throw StoreConfigurationError.replicaUnlike(replica: name, why: "\(error)")
            }
            if found == wanted { return }
            guard ContinuousClock.now < deadline else {
                let missing = wanted.filter { !found.contains($0) }, extra = found.filter { !wanted.contains($0) }
                throw StoreConfigurationError.replicaUnlike(replica: name, why: (
                    (missing.isEmpty ? [] : ["it lacks \(missing.joined(separator: ", "))"])
                    + (extra.isEmpty ? [] : ["it has \(extra.joined(separator: ", ")) where the primary has not"])
                ).joined(separator: "; ") + " (still after \(within))")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// A replica as the log and errors name it: host, port and database, never the password.
    static func replicaName(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return "(a replica)" }
        return "\(host):\(components.port ?? 5432)\(components.path)"
    }
}
