import ElectionCore
import ElectionStore
import Foundation
import SQLKit

/// Applies a group of officials' actions inside one transaction: reads the latest version of
/// every station concerned in a few queries, lets the domain decide each action in order
/// (``ResultFormVersion/applying(_:by:expectedVersion:context:)``), and writes what changed in a
/// few multi-row statements, with a line of history for each action. Statements per group, not
/// per form, are what let one writer keep up with every station reporting at once.
struct FormWriter {
    let tx: any SQLTransaction
    let at: Date

    private var db: any SQLDatabase { tx.sql }

    /// A version as read, and whether its row exists yet.
    private struct Slot {
        var form: ResultFormVersion
        var stored: Bool
        /// Entries and figures already in the database (not to be written again).
        var storedEntries: Int
        var storedCounts: Bool
        /// Whether this version was the station's current accepted one when read.
        var wasAccepted: Bool
    }

    func apply(_ requests: [FormRequest]) async throws -> [Result<ResultFormVersion, any Error>] {
        // Nothing to read or write (PostgreSQL refuses the empty `IN ()` the reads would make).
        guard !requests.isEmpty else { return [] }
        let codes = Array(Set(requests.map(\.stationCode))).sorted()
        let registered = try await registeredVoters(codes)
        let ballots = try await ballots(Set(codes.map(\.province)))
        var slots = try await latest(codes)
        var written = Set<StationCode>()
        var events: [[BulkValue]] = []
        var outcomes: [Result<ResultFormVersion, any Error>] = []
        var reopened = Set<UnitCode>()

        for request in requests {
            let code = request.stationCode
            guard let onList = registered[code] else {
                outcomes.append(.failure(StoreError.notFound("polling station", code.rawValue)))
                continue
            }
            let context = FormContext(ballot: ballots[code.province] ?? [], registeredOnList: onList)
            let slot = slots[code] ?? Slot(
                form: ResultFormVersion(stationCode: code, version: 1), stored: false, storedEntries: 0,
                storedCounts: false, wasAccepted: false)
            do {
                let transition = try slot.form.transition(
                    request.action, by: request.official, expectedVersion: request.expectedVersion, context: context)
                let next = transition.form
                if transition.opensVersion {
                    // The old version is kept as it is and the new one starts.
                    try await flush(slot)
                    slots[code] = Slot(form: next, stored: false, storedEntries: 0, storedCounts: false, wasAccepted: false)
                } else {
                    slots[code] = Slot(
                        form: next, stored: slot.stored, storedEntries: slot.storedEntries, storedCounts: slot.storedCounts,
                        wasAccepted: slot.wasAccepted)
                }
                reopened.formUnion(transition.reopens)
                written.insert(code)
                events.append([
                    .text(code.rawValue), .integer(next.version), .text(ISO8601.string(at)), .integer(request.official.id.rawValue),
                    .text(request.action.name), .text(next.status.rawValue), transition.detail.map(BulkValue.text) ?? .null,
                ])
                outcomes.append(.success(next))
            } catch let refusal as Refusal {
                outcomes.append(.failure(refusal))
            }
        }
        try await write(slots.filter { written.contains($0.key) })
        for unit in reopened.sorted() {
            try await db.raw("""
                DELETE FROM result_confirmations WHERE level = \(bind: unit.level.rawValue) AND unit_code = \(bind: unit.rawValue)
                """).run()
        }
        try await tx.bulkInsert(
            into: "result_events", columns: ["station_code", "version", "at", "official_id", "action", "status", "detail"], rows: events)
        return outcomes
    }

    // MARK: Reading

    private func registeredVoters(_ codes: [StationCode]) async throws -> [StationCode: Int] {
        var found: [StationCode: Int] = [:]
        for chunk in codes.map(\.rawValue).chunked(500) {
            for row in try await db.raw("SELECT code, registered_voters FROM polling_stations WHERE code IN \(list: chunk)").all() {
                found[try Rows.code(row, "code")] = try row.decode(column: "registered_voters", as: Int.self)
            }
        }
        return found
    }

    private func ballots(_ provinces: Set<ProvinceCode>) async throws -> [ProvinceCode: [PartyNumber]] {
        var ballots: [ProvinceCode: [PartyNumber]] = [:]
        for row in try await db.raw("""
            SELECT DISTINCT constituency_code, party_id FROM candidates WHERE constituency_code IN \(list: provinces.map(\.rawValue).sorted())
            ORDER BY constituency_code, party_id
            """).all() {
            ballots[try Rows.code(row, "constituency_code"), default: []].append(try Rows.party(row, "party_id"))
        }
        return ballots
    }

    /// The latest version of each station that has one, as read.
    private func latest(_ codes: [StationCode]) async throws -> [StationCode: Slot] {
        try await FormReader(db: db).latest(stations: codes).mapValues { form in
            Slot(form: form, stored: true, storedEntries: form.entries.count, storedCounts: form.counts != nil,
                 wasAccepted: form.status == .accepted)
        }
    }

    // MARK: Writing

    /// Writes one slot at once (before a correction replaces it in the group).
    private func flush(_ slot: Slot) async throws {
        try await write([slot.form.stationCode: slot])
    }

    private func write(_ slots: [StationCode: Slot]) async throws {
        guard !slots.isEmpty else { return }
        let ordered = slots.sorted { $0.key < $1.key }.map(\.value)
        // Versions: new rows and changed rows in one upsert per chunk.
        for chunk in ordered.chunked(60) {
            var query = SQLQueryString("""
                INSERT INTO result_forms (station_code, version, status, reason, opened_by, resolved_by, acknowledged_by, warnings,
                    registered, received, issued, in_box, spoiled, unused, invalid) VALUES
                """)
            query.appendInterpolation(rows: chunk.map { slot in
                let f = slot.form, c = f.counts
                return [
                    f.stationCode.rawValue, f.version, f.status.rawValue, f.reason, f.openedBy?.rawValue, f.resolvedBy?.rawValue, f.acknowledgedBy?.rawValue,
                    f.warnings.joined(separator: ","), c?.registeredVoters, c?.ballotsReceived, c?.ballotsIssued,
                    c?.ballotsInBox, c?.spoiledBallots, c?.unusedBallots, c?.invalidBallots,
                ]
            })
            query.appendInterpolation(unsafeRaw: """
                 ON CONFLICT (station_code, version) DO UPDATE SET status = excluded.status, resolved_by = excluded.resolved_by,
                    acknowledged_by = excluded.acknowledged_by, warnings = excluded.warnings, registered = excluded.registered,
                    received = excluded.received, issued = excluded.issued, in_box = excluded.in_box, spoiled = excluded.spoiled,
                    unused = excluded.unused, invalid = excluded.invalid
                """)
            try await db.raw(query).run()
        }
        var entryRows: [[BulkValue]] = [], entryVoteRows: [[BulkValue]] = [], formVoteRows: [[BulkValue]] = []
        var currentRows: [[BulkValue]] = [], currentVoteRows: [[BulkValue]] = [], replaced: [String] = []
        var unitChange = UnitResultsChange()
        for slot in ordered {
            let f = slot.form, code = f.stationCode.rawValue
            for (index, entry) in f.entries.enumerated() where index >= slot.storedEntries {
                entryRows.append([.text(code), .integer(f.version), .integer(entry.officialID.rawValue), .integer(index + 1)] + Self.countValues(entry.counts))
                for (party, n) in entry.counts.votes.sorted(by: { $0.key < $1.key }) {
                    entryVoteRows.append([.text(code), .integer(f.version), .integer(entry.officialID.rawValue), .integer(party.rawValue), .integer(n)])
                }
            }
            if let counts = f.counts, !slot.storedCounts {
                for (party, n) in counts.votes.sorted(by: { $0.key < $1.key }) {
                    formVoteRows.append([.text(code), .integer(f.version), .integer(party.rawValue), .integer(n)])
                }
            }
            if f.status == .accepted, !slot.wasAccepted, let counts = f.counts {
                if f.version > 1 { replaced.append(code) }
                unitChange.add(counts, of: f.stationCode)
                let province = BulkValue.text(f.stationCode.province.rawValue), commune = BulkValue.text(f.stationCode.commune.rawValue)
                currentRows.append([.text(code), province, commune, .integer(f.version)] + Self.countValues(counts))
                for (party, n) in counts.votes.sorted(by: { $0.key < $1.key }) {
                    currentVoteRows.append([.text(code), province, commune, .integer(party.rawValue), .integer(n)])
                }
            }
        }
        let counts = ["registered", "received", "issued", "in_box", "spoiled", "unused", "invalid"]
        try await tx.bulkInsert(into: "result_entries", columns: ["station_code", "version", "official_id", "position"] + counts, rows: entryRows)
        try await tx.bulkInsert(
            into: "result_entry_votes", columns: ["station_code", "version", "official_id", "party_id", "votes"], rows: entryVoteRows)
        try await tx.bulkInsert(into: "result_form_votes", columns: ["station_code", "version", "party_id", "votes"], rows: formVoteRows)
        for chunk in replaced.chunked(500) {
            // The replaced figures leave the running totals as they leave the current ones.
            var votesByStation: [String: [any SQLRow]] = [:]
            for row in try await db.raw("DELETE FROM current_votes WHERE station_code IN \(list: chunk) RETURNING station_code, party_id, votes").all() {
                votesByStation[try row.decode(column: "station_code", as: String.self), default: []].append(row)
            }
            for row in try await db.raw("DELETE FROM current_forms WHERE station_code IN \(list: chunk) RETURNING *").all() {
                let code = try Rows.code(row, "station_code", as: StationCode.self)
                unitChange.remove(try Rows.counts(row, votes: Rows.votes(votesByStation[code.rawValue] ?? [])), of: code)
            }
        }
        try await tx.bulkInsert(
            into: "current_forms", columns: ["station_code", "province_code", "commune_code", "version"] + counts, rows: currentRows)
        try await tx.bulkInsert(
            into: "current_votes", columns: ["station_code", "province_code", "commune_code", "party_id", "votes"], rows: currentVoteRows)
        try await unitChange.write(to: db)
    }

    private static func countValues(_ c: ResultCounts) -> [BulkValue] {
        [c.registeredVoters, c.ballotsReceived, c.ballotsIssued, c.ballotsInBox, c.spoiledBallots, c.unusedBallots, c.invalidBallots]
            .map { .integer($0) }
    }
}

extension Array {
    /// The array in consecutive pieces of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension SQLQueryString {
    /// A parenthesised list of bound values, for `IN`: `(?, ?, ?)`.
    mutating func appendInterpolation<Value: Encodable & Sendable>(list values: some Collection<Value>) {
        appendInterpolation(unsafeRaw: "(")
        for (index, value) in values.enumerated() {
            if index > 0 { appendInterpolation(unsafeRaw: ", ") }
            appendInterpolation(bind: value)
        }
        appendInterpolation(unsafeRaw: ")")
    }

    /// Rows of bound values for a multi-row `VALUES`: ` (?, ?), (?, ?)`.
    mutating func appendInterpolation(rows: [[any Encodable & Sendable]]) {
        for (index, row) in rows.enumerated() {
            appendInterpolation(unsafeRaw: index == 0 ? " (" : ", (")
            appendInterpolation(binds: row)
            appendInterpolation(unsafeRaw: ")")
        }
    }
}
