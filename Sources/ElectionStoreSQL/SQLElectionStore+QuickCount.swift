import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: QuickCountStore {
    public func recordQuickCountSample(_ sample: QuickCountSample) async throws {
        _ = try await mission(sample.missionID)
        try await engine.withTransaction { tx in
            if try await tx.sql.raw("SELECT 1 FROM quick_count_samples WHERE mission_id = \(bind: sample.missionID.rawValue)").first() != nil {
                throw StoreError.duplicate("quick-count sample", sample.missionID.rawValue)
            }
            try await tx.sql.raw("""
                INSERT INTO quick_count_samples (mission_id, seed, strata, size, substitutes, margin, confidence, station_spread,
                    frame_version, frame_stations, drawn_at, published)
                VALUES (\(bind: sample.missionID.rawValue), \(bind: String(sample.seed)), \(bind: sample.strata.rawValue), \(bind: sample.size),
                    \(bind: sample.substitutesPerStratum), \(bind: sample.plan?.margin), \(bind: sample.plan?.confidence.rawValue),
                    \(bind: sample.plan?.stationSpread), \(bind: sample.frameVersion), \(bind: sample.frameStations),
                    \(bind: ISO8601.string(sample.drawnAt)), \(bind: sample.published ? 1 : 0))
                """).run()
            try await tx.bulkInsert(
                into: "quick_count_stations",
                columns: ["mission_id", "station_code", "stratum", "stratum_frame", "stratum_sample", "substitute"],
                rows: sample.stations.map {
                    [.text(sample.missionID.rawValue), .text($0.code.rawValue), .text($0.stratum.rawValue), .integer($0.stratumFrame),
                     .integer($0.stratumSample), $0.substitute.map(BulkValue.integer) ?? .null]
                })
        }
    }

    public func quickCountSample(ofMission id: MissionID) async throws -> QuickCountSample? {
        let stations = try await all("""
            SELECT * FROM quick_count_stations WHERE mission_id = \(bind: id.rawValue) ORDER BY stratum, COALESCE(substitute, 0), station_code
            """) { row in
            QuickCountStation(
                code: try Rows.code(row, "station_code"), stratum: try Rows.unit(row, "stratum"), stratumFrame: try Rows.integer(row, "stratum_frame"),
                stratumSample: try Rows.integer(row, "stratum_sample"), substitute: try row.decode(column: "substitute", as: Int?.self))
        }
        return try await all("SELECT * FROM quick_count_samples WHERE mission_id = \(bind: id.rawValue)") { row in
            let margin = try row.decode(column: "margin", as: Double?.self)
            let confidence = try row.decode(column: "confidence", as: Double?.self).flatMap(RatioEstimate.Confidence.init(rawValue:))
            let spread = try row.decode(column: "station_spread", as: Double?.self)
            let plan = margin.flatMap { margin in
                confidence.flatMap { confidence in spread.map { QuickCountPlan(margin: margin, confidence: confidence, stationSpread: $0) } }
            }
            guard let seed = UInt64(try Rows.text(row, "seed")) else {
                throw StoreError.refused("quick-count sample of \(id) is malformed")
            }
            return QuickCountSample(
                missionID: id, seed: seed, strata: try Rows.choice(row, "strata"), size: try Rows.integer(row, "size"),
                substitutesPerStratum: try Rows.integer(row, "substitutes"), plan: plan, frameVersion: try Rows.text(row, "frame_version"),
                frameStations: try Rows.integer(row, "frame_stations"), drawnAt: try ISO8601.date(try Rows.text(row, "drawn_at")), published: try Rows.integer(row, "published") == 1,
                stations: stations)
        }.first
    }

    public func publishQuickCount(ofMission id: MissionID, _ published: Bool) async throws {
        try await engine.withTransaction { tx in
            guard try await tx.sql.raw("""
                UPDATE quick_count_samples SET published = \(bind: published ? 1 : 0) WHERE mission_id = \(bind: id.rawValue) RETURNING mission_id
                """).first() != nil else { throw StoreError.notFound("quick-count sample", id.rawValue) }
        }
    }

    public func addObservedCount(_ count: ObservedCount, at time: Date) async throws -> SubmissionReceipt.Outcome {
        try await engine.withTransaction { tx in
            if let row = try await tx.sql.raw("""
                SELECT * FROM observed_counts WHERE mission_id = \(bind: count.missionID.rawValue) AND submission_id = \(bind: count.id)
                """).first() {
                guard try Self.observedCount(row, mission: count.missionID).sameContent(as: count) else { throw SubmissionConflict(id: count.id) }
                return .repeated
            }
            guard try await tx.sql.raw("""
                SELECT 1 FROM quick_count_stations WHERE mission_id = \(bind: count.missionID.rawValue) AND station_code = \(bind: count.stationCode.rawValue)
                """).first() != nil else { throw StoreError.notFound("station of the quick-count sample", count.stationCode.rawValue) }
            let c = count.counts
            let votes = try Canonical.text(c.votes)
            try await tx.sql.raw("""
                INSERT INTO observed_counts (mission_id, submission_id, observer, station_code, observed_at, registered_voters, ballots_received,
                    ballots_issued, ballots_in_box, spoiled_ballots, unused_ballots, invalid_ballots, votes, received_at)
                VALUES (\(bind: count.missionID.rawValue), \(bind: count.id), \(bind: count.observer), \(bind: count.stationCode.rawValue),
                    \(bind: count.observedAt.description), \(bind: c.registeredVoters), \(bind: c.ballotsReceived), \(bind: c.ballotsIssued),
                    \(bind: c.ballotsInBox), \(bind: c.spoiledBallots), \(bind: c.unusedBallots), \(bind: c.invalidBallots), \(bind: votes),
                    \(bind: ISO8601.string(time)))
                """).run()
            return .stored
        }
    }

    public func observedCounts(ofMission id: MissionID) async throws -> [ObservedCount] {
        try await all("SELECT * FROM observed_counts WHERE mission_id = \(bind: id.rawValue) ORDER BY id") { try Self.observedCount($0, mission: id) }
    }

    private static func observedCount(_ row: any SQLRow, mission id: MissionID) throws -> ObservedCount {
        let votes = try JSONDecoder().decode([PartyNumber: Int].self, from: Data(try Rows.text(row, "votes").utf8))
        return ObservedCount(
            id: try Rows.text(row, "submission_id"), missionID: id, observer: try Rows.integer(row, "observer"),
            stationCode: try Rows.code(row, "station_code"), observedAt: try Rows.clock(row, "observed_at"),
            counts: ResultCounts(
                registeredVoters: try Rows.integer(row, "registered_voters"), ballotsReceived: try Rows.integer(row, "ballots_received"),
                ballotsIssued: try Rows.integer(row, "ballots_issued"), ballotsInBox: try Rows.integer(row, "ballots_in_box"),
                spoiledBallots: try Rows.integer(row, "spoiled_ballots"), unusedBallots: try Rows.integer(row, "unused_ballots"),
                invalidBallots: try Rows.integer(row, "invalid_ballots"), votes: votes),
            receivedAt: try ISO8601.date(try Rows.text(row, "received_at")))
    }
}
