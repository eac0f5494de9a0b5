import ElectionStore
import ElectionStoreSQL
import Foundation

/// Filling a new database with an election, so that a failure leaves nothing behind.
public enum NewDatabase {
    /// Runs `fill` on a new SQLite file. It is built as `PATH.partial` and renamed to `PATH` only
    /// when complete, so a failed or interrupted build never leaves a half-built database behind.
    public static func sqlite<T>(at path: String, replacing: Bool, _ fill: (SQLElectionStore) async throws -> T) async throws -> T {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) && !replacing {
            throw BuildRefusal.exists(path)
        }
        let partial = path + ".partial"
        func removePartial() {
            for leftover in [partial, partial + "-wal", partial + "-shm", partial + "-journal"] {
                try? fm.removeItem(atPath: leftover)
            }
        }
        removePartial()
        do {
            let store = try await SQLElectionStore.openSQLite(path: partial, bulkBuild: true)
            let value: T
            do {
                value = try await fill(store)
                try await store.finishBuilding()
                try await store.close()
            } catch {
                try? await store.close()
                throw error
            }
            for old in [path + "-wal", path + "-shm"] { try? fm.removeItem(atPath: old) }
            if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
            try fm.moveItem(atPath: partial, toPath: path)
            return value
        } catch {
            removePartial()
            throw error
        }
    }

    /// Runs `fill` on an empty PostgreSQL database (its load is one transaction); with
    /// `replacing`, Sala's tables are dropped first.
    public static func postgres<T>(url: String, replacing: Bool, _ fill: (SQLElectionStore) async throws -> T) async throws -> T {
        if replacing {
            let old = try await SQLElectionStore.connectPostgres(url: url)
            try await old.dropAllTables()
            try await old.close()
        }
        let store = try await SQLElectionStore.connectPostgres(url: url)
        do {
            let value = try await fill(store)
            try await store.close()
            return value
        } catch StoreError.alreadyLoaded {
            try? await store.close()
            throw BuildRefusal.holdsAnElection
        } catch {
            try? await store.close()
            throw error
        }
    }
}
