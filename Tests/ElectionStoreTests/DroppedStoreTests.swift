import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// A store dropped without `close()` (a command or a test that failed on its way) closes its
/// SQLite connections itself: SQLiteNIO stops a debug process on a connection left open, which
/// took a whole CI test run down with it.
@Suite struct DroppedStoreTests {
    @Test func aStoreDroppedWithoutClosingClosesItsConnections() async throws {
        let path = try TestDatabases.temporaryDirectory().appendingPathComponent("dropped.sqlite").path
        try FileManager.default.copyItem(atPath: try await TestDatabases.sqlitePath(), toPath: path)
        var store: SQLElectionStore? = try await SQLElectionStore.openSQLite(path: path)
        let stations = try await store?.constituencies().count
        store = nil
        // The connections close on the driver's thread pool; the process is still here, and the
        // file opens and reads the same.
        try await Task.sleep(for: .milliseconds(200))
        let again = try await SQLElectionStore.openSQLite(path: path)
        let count = try await again.constituencies().count
        try await again.close()
        #expect(stations == 25 && count == stations)
        _ = store
    }
}
