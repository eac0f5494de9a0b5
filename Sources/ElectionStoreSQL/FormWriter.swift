import ElectionCore
import ElectionStore
import Foundation
import SQLKit

/// Applies one official's action to a station's form inside a transaction: reads the latest
/// version, lets the domain decide (``ResultFormVersion/applying(_:by:expectedVersion:context:)``),
/// and writes only what changed, with a line of history.
struct FormWriter {
    let tx: any SQLTransaction
    let at: Date

    private var db: any SQLDatabase { tx.sql }

    func apply(_ request: FormRequest, ballots: inout [String: [Int]]) async throws -> ResultFormVersion {
        let station = request.stationCode
        guard let stationRow = try await db.raw(
            "SELECT registered_voters FROM polling_stations WHERE code = \(bind: station)"
        ).first() else { throw StoreError.notFound("polling station", station) }
        let province = String(station.prefix(2))
        if ballots[province] == nil {
            ballots[province] = try await db.raw(
                "SELECT DISTINCT party_id FROM candidates WHERE constituency_code = \(bind: province) ORDER BY party_id"
            ).all().map { try $0.decode(column: "party_id", as: Int.self) }
        }
        let context = FormContext(
            ballot: ballots[province] ?? [], registeredOnList: try stationRow.decode(column: "registered_voters", as: Int.self))
        let stored = try await FormReader(db: db).latest(station: station)
        let current = stored ?? ResultFormVersion(stationCode: station, version: 1)
        let next = try current.applying(
            request.action, by: request.official, expectedVersion: request.expectedVersion, context: context)

        if next.version != current.version {
            try await insertVersion(next)
            // A correction reopens the count: the province and the nation are provisional again.
            try await db.raw("""
                DELETE FROM result_confirmations
                WHERE (level = 'province' AND unit_code = \(bind: province)) OR level = 'national'
                """).run()
        } else {
            if stored == nil { try await insertVersion(next) } else { try await updateVersion(next) }
            if next.entries.count > current.entries.count, let entry = next.entries.last {
                try await insertEntry(entry, position: next.entries.count, of: next)
            }
            if current.counts == nil, let counts = next.counts {
                try await insertFormVotes(counts.votes, station: station, version: next.version)
            }
            if next.status == .accepted, current.status != .accepted, let counts = next.counts {
                try await makeCurrent(next.version, counts, station: station, replacing: next.version > 1)
            }
        }
        var detail: String?
        if case .correct(let reason) = request.action { detail = reason }
        if case .acknowledge = request.action { detail = current.warnings.joined(separator: ", ") }
        if next.status == .disputed { detail = next.differences.joined(separator: ", ") }
        try await db.raw("""
            INSERT INTO result_events (station_code, version, at, official_id, action, status, detail)
            VALUES (\(bind: station), \(bind: next.version), \(bind: ISO8601.string(at)), \(bind: request.official.id),
                \(bind: request.action.name), \(bind: next.status.rawValue), \(bind: detail))
            """).run()
        return next
    }

    private func insertVersion(_ form: ResultFormVersion) async throws {
        let c = form.counts
        try await db.raw("""
            INSERT INTO result_forms (station_code, version, status, reason, opened_by, resolved_by, acknowledged_by, warnings,
                registered, received, issued, in_box, spoiled, unused, invalid)
            VALUES (\(bind: form.stationCode), \(bind: form.version), \(bind: form.status.rawValue), \(bind: form.reason),
                \(bind: form.openedBy), \(bind: form.resolvedBy), \(bind: form.acknowledgedBy), \(bind: form.warnings.joined(separator: ",")),
                \(bind: c?.registeredVoters), \(bind: c?.ballotsReceived), \(bind: c?.ballotsIssued), \(bind: c?.ballotsInBox),
                \(bind: c?.spoiledBallots), \(bind: c?.unusedBallots), \(bind: c?.invalidBallots))
            """).run()
    }

    private func updateVersion(_ form: ResultFormVersion) async throws {
        let c = form.counts
        try await db.raw("""
            UPDATE result_forms SET status = \(bind: form.status.rawValue), resolved_by = \(bind: form.resolvedBy),
                acknowledged_by = \(bind: form.acknowledgedBy), warnings = \(bind: form.warnings.joined(separator: ",")),
                registered = \(bind: c?.registeredVoters), received = \(bind: c?.ballotsReceived), issued = \(bind: c?.ballotsIssued),
                in_box = \(bind: c?.ballotsInBox), spoiled = \(bind: c?.spoiledBallots), unused = \(bind: c?.unusedBallots),
                invalid = \(bind: c?.invalidBallots)
            WHERE station_code = \(bind: form.stationCode) AND version = \(bind: form.version)
            """).run()
    }

    private func insertEntry(_ entry: ResultEntry, position: Int, of form: ResultFormVersion) async throws {
        let c = entry.counts
        try await db.raw("""
            INSERT INTO result_entries (station_code, version, official_id, position,
                registered, received, issued, in_box, spoiled, unused, invalid)
            VALUES (\(bind: form.stationCode), \(bind: form.version), \(bind: entry.officialID), \(bind: position),
                \(bind: c.registeredVoters), \(bind: c.ballotsReceived), \(bind: c.ballotsIssued), \(bind: c.ballotsInBox),
                \(bind: c.spoiledBallots), \(bind: c.unusedBallots), \(bind: c.invalidBallots))
            """).run()
        guard !c.votes.isEmpty else { return }
        var insert = db.insert(into: "result_entry_votes").columns("station_code", "version", "official_id", "party_id", "votes")
        for (party, votes) in c.votes.sorted(by: { $0.key < $1.key }) {
            insert = insert.values(SQLBind(form.stationCode), SQLBind(form.version), SQLBind(entry.officialID), SQLBind(party), SQLBind(votes))
        }
        try await insert.run()
    }

    private func insertFormVotes(_ votes: [Int: Int], station: String, version: Int) async throws {
        guard !votes.isEmpty else { return }
        var insert = db.insert(into: "result_form_votes").columns("station_code", "version", "party_id", "votes")
        for (party, n) in votes.sorted(by: { $0.key < $1.key }) {
            insert = insert.values(SQLBind(station), SQLBind(version), SQLBind(party), SQLBind(n))
        }
        try await insert.run()
    }

    /// Makes `version` the one that counts; `replacing` an earlier accepted version (a correction).
    private func makeCurrent(_ version: Int, _ c: ResultCounts, station: String, replacing: Bool) async throws {
        if replacing {
            try await db.raw("DELETE FROM current_votes WHERE station_code = \(bind: station)").run()
            try await db.raw("DELETE FROM current_forms WHERE station_code = \(bind: station)").run()
        }
        try await db.raw("""
            INSERT INTO current_forms (station_code, province_code, commune_code, version,
                registered, received, issued, in_box, spoiled, unused, invalid)
            VALUES (\(bind: station), \(bind: String(station.prefix(2))), \(bind: String(station.prefix(6))), \(bind: version),
                \(bind: c.registeredVoters), \(bind: c.ballotsReceived),
                \(bind: c.ballotsIssued), \(bind: c.ballotsInBox), \(bind: c.spoiledBallots), \(bind: c.unusedBallots),
                \(bind: c.invalidBallots))
            """).run()
        guard !c.votes.isEmpty else { return }
        var insert = db.insert(into: "current_votes").columns("station_code", "province_code", "commune_code", "party_id", "votes")
        for (party, n) in c.votes.sorted(by: { $0.key < $1.key }) {
            insert = insert.values(
                SQLBind(station), SQLBind(String(station.prefix(2))), SQLBind(String(station.prefix(6))), SQLBind(party), SQLBind(n))
        }
        try await insert.run()
    }
}
