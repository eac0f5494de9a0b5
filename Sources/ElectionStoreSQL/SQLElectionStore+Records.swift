import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: ElectionRecordStore {
    public func electionRecords() async throws -> [ElectionRecord] {
        try await all("SELECT content FROM election_records ORDER BY election_day DESC, id", Self.record)
    }

    public func electionRecord(_ id: String) async throws -> ElectionRecord {
        guard let record = try await all("SELECT content FROM election_records WHERE id = \(bind: id)", Self.record).first else {
            throw StoreError.notFound("election", id)
        }
        return record
    }

    public func keepElectionRecord(_ record: ElectionRecord, replacing: Bool, at time: Date) async throws {
        let e = record.election
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let content = String(decoding: try encoder.encode(record), as: UTF8.self)
        try await engine.withTransaction { tx in
            let current = try await tx.sql.raw("SELECT id FROM election").first().map { try $0.decode(column: "id", as: String.self) }
            if current == e.id {
                throw StoreError.refused("\(e.id) is the current election; a record keeps an election before it")
            }
            let kept = try await tx.sql.raw("SELECT id FROM election_records WHERE id = \(bind: e.id)").first()
            if kept != nil {
                guard replacing else { throw StoreError.duplicate("election record", e.id) }
                try await tx.sql.raw("DELETE FROM election_records WHERE id = \(bind: e.id)").run()
            }
            try await tx.sql.raw("""
                INSERT INTO election_records (id, kind, name_en, name_km, election_day, status, content, recorded_at)
                VALUES (\(bind: e.id), \(bind: e.kind), \(bind: e.nameEnglish), \(bind: e.nameKhmer), \(bind: e.electionDay.iso),
                    \(bind: record.status.rawValue), \(bind: content), \(bind: ISO8601.string(time)))
                """).run()
        }
    }

    static func record(_ row: any SQLRow) throws -> ElectionRecord {
        try JSONDecoder().decode(ElectionRecord.self, from: Data(try Rows.text(row, "content").utf8))
    }
}
