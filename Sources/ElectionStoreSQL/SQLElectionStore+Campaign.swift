import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: CampaignStore {
    public func publishAirtime(_ draw: AirtimeDraw, reason: String, by official: Official, at time: Date) async throws -> AirtimePublication {
        try official.require(.publishAirtime, on: .nation)
        return try await engine.withTransaction { tx in
            if tx.dialect == .postgres { try await tx.sql.raw("LOCK TABLE airtime_publications IN EXCLUSIVE MODE").run() }
            let newest = try await tx.sql.raw("SELECT COALESCE(MAX(number), 0) AS newest FROM airtime_publications").first()?
                .decode(column: "newest", as: Int.self) ?? 0
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard newest == 0 || !reason.isEmpty else {
                throw Refusal(.reasonRequired, field: "reason", "a change to the published airtime needs its reason")
            }
            let publication = AirtimePublication(number: newest + 1, draw: draw, reason: reason, publishedAt: time)
            try await tx.sql.raw("""
                INSERT INTO airtime_publications (number, draw, reason, official_id, published_at)
                VALUES (\(bind: publication.number), \(bind: try Canonical.text(draw)), \(bind: reason), \(bind: official.id.rawValue),
                    \(bind: ISO8601.string(time)))
                """).run()
            return publication
        }
    }

    public func airtimePublications() async throws -> [AirtimePublication] {
        try await all("SELECT * FROM airtime_publications ORDER BY number") { row in
            AirtimePublication(
                number: try row.decode(column: "number", as: Int.self),
                draw: try JSONDecoder().decode(AirtimeDraw.self, from: Data(try row.decode(column: "draw", as: String.self).utf8)),
                reason: try row.decode(column: "reason", as: String.self),
                publishedAt: try ISO8601.date(try row.decode(column: "published_at", as: String.self)))
        }
    }
}
