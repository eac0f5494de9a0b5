import ElectionCore
import ElectionStore
import Foundation

/// One parsing of a quick count's sample request and of an observer's count, for the API and
/// the pages.
enum QuickCountInput {
    /// How a mission asks for its sample: a margin (percentage points) at a confidence, or a size.
    struct SampleFields: Sendable, Decodable {
        /// The half-width wanted for a party's share, in percentage points (e.g. 0.6).
        var margin: Double?
        /// 95 or 99.
        var confidence: Int?
        /// Planning spread of a share across stations, in percentage points (10 if not given).
        var stationSpread: Double?
        /// A size chosen directly instead of from the margin.
        var size: Int?
        /// Decimal; drawn at random when not given, and recorded either way.
        var seed: String?
        var strata: String?
        var substitutes: Int?
    }

    /// The sample the fields ask for, drawn from the stations with registered voters.
    static func sample(_ fields: SampleFields, missionID: MissionID, store: any ElectionStore, at time: Date) async throws -> QuickCountSample {
        guard let strata = StationDraw.Strata(rawValue: fields.strata ?? "province") else { throw InputError(field: "strata", reason: "choice") }
        guard let confidence = RatioEstimate.Confidence(percent: fields.confidence ?? 95) else { throw InputError(field: "confidence", reason: "choice") }
        let substitutes = fields.substitutes ?? 2
        guard (0...10).contains(substitutes) else { throw InputError(field: "substitutes", reason: "number") }
        let seed: UInt64
        if let text = fields.seed {
            guard let value = UInt64(text) else { throw InputError(field: "seed", reason: "number") }
            seed = value
        } else {
            seed = UInt64.random(in: 1...UInt64.max)
        }
        let frame = try await store.stationsWithVoters().map(\.id)
        let size: Int, plan: QuickCountPlan?
        if let chosen = fields.size {
            guard (2...max(2, frame.count)).contains(chosen) else { throw InputError(field: "size", reason: "number") }
            (size, plan) = (chosen, nil)
        } else {
            guard let margin = fields.margin else { throw InputError(field: "margin", reason: "missing") }
            let wanted = QuickCountPlan(margin: margin / 100, confidence: confidence, stationSpread: (fields.stationSpread ?? 10) / 100)
            do {
                size = try wanted.sampleSize(frameStations: frame.count)
            } catch .spreadOutOfRange {
                throw InputError(field: "stationSpread", reason: "points")
            } catch {
                throw InputError(field: "margin", reason: "points")
            }
            plan = wanted
        }
        do {
            return try QuickCountSample.draw(
                missionID: missionID, frame: frame, seed: seed, size: size, strata: strata, substitutes: substitutes, plan: plan, at: time)
        } catch {
            throw InputError(field: "size", reason: "number")
        }
    }

    /// An observer's count: the phone's id, the station, the time posted and the form's figures
    /// (named as the result form names them).
    static func count(
        id: String?, station: String?, observedAt: String?, figures: [String: String], missionID: MissionID, observer seat: Int,
        store: any ElectionStore & QuickCountStore
    ) async throws -> ObservedCount {
        guard let id = try Input.submissionID(id) else { throw InputError(field: "id", reason: "missing") }
        let code = try Input.code(station, as: StationCode.self, field: "station")
        guard let sample = try await store.quickCountSample(ofMission: missionID) else { throw InputError(field: "station", reason: "not_sampled") }
        guard sample.station(code) != nil else { throw InputError(field: "station", reason: "not_sampled") }
        guard let time = observedAt.flatMap(ClockTime.init) else { throw InputError(field: "observedAt", reason: "clock_time") }
        let ballot = try await store.parties().map(\.id).sorted()
        let counts = try ResultInput.counts(figures, ballot: ballot)
        return ObservedCount(id: id, missionID: missionID, observer: seat, stationCode: code, observedAt: time, counts: counts)
    }
}

extension RatioEstimate.Confidence {
    /// 95 or 99.
    init?(percent: Int) {
        switch percent {
        case 95: self = .ninetyFive
        case 99: self = .ninetyNine
        default: return nil
        }
    }

    var percent: Int { self == .ninetyFive ? 95 : 99 }
}
