import ElectionStore
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// A connection's SQL that refuses a statement once the connection is closed (the server went
/// away). PostgresNIO writes a statement to its channel without a promise, so a statement written
/// after the channel's handlers are gone is dropped and its caller waits for ever (the fix,
/// vapor/postgres-nio#487, was reverted). Found by Tests/failover/run, which hung entries in CI
/// once; `FailoverTests` races statements against connections the server closes.
///
/// Checking `isClosed` first is not enough: the channel may close between the check and the write,
/// which PostgresNIO makes later on the channel's event loop. So the check and the write both run on
/// that loop, in one turn: a channel seen open there still has its handlers, and they answer a
/// statement on a connection closing under it with an error.
struct OpenConnectionSQL: SQLDatabase {
    let connection: PostgresConnection
    let base: any SQLDatabase

    init(_ connection: PostgresConnection) {
        self.connection = connection
        self.base = connection.sql()
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLKit.SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let connection = connection, base = base
        return eventLoop.flatSubmit {
            guard !connection.isClosed else { return connection.eventLoop.makeFailedFuture(StoreError.unavailable) }
            return base.execute(sql: query, onRow)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await execute(sql: query, onRow).get()
    }
}
