import SQLKit

extension SQLDatabase {
    /// Adds `rows` to the running totals kept in `table`: a row whose key is not there yet is
    /// inserted, and one whose key is has each of its `sums` columns increased by the row's (a
    /// negative value takes away). Each row is its `keys` values, then its `sums` values. The
    /// caller orders the rows by key, so that two PostgreSQL transactions adding to the same rows
    /// wait for each other rather than deadlock.
    func addToTotals(_ table: String, keys: [String], sums: [String], rows: [[any Encodable & Sendable]]) async throws {
        let columns = keys + sums
        let additions = sums.map { "\($0) = \(table).\($0) + excluded.\($0)" }.joined(separator: ", ")
        for chunk in rows.chunked(max(1, 2_000 / columns.count)) {
            var query = SQLQueryString("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES")
            query.appendInterpolation(rows: Array(chunk))
            query.appendInterpolation(unsafeRaw: " ON CONFLICT (\(keys.joined(separator: ", "))) DO UPDATE SET \(additions)")
            try await raw(query).run()
        }
    }
}
