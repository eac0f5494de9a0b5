import ElectionCore
import ElectionStore
import Foundation

/// A mission's quick count as the page and the API give it: the sample, the estimates from the
/// counts received, and once the official results are published, the check against them.
struct QuickCountReading: Sendable, Encodable {
    let sample: Summary
    let estimates: QuickCountEstimates
    /// Nil until the commission has published results.
    let check: QuickCountCheck?

    /// The sample without its station list (which has its own route).
    struct Summary: Sendable, Encodable {
        let missionID: MissionID
        let seed: String
        let strata: StationDraw.Strata
        let size: Int
        let sampled: Int
        let substitutesPerStratum: Int
        let plan: QuickCountPlan?
        let frameVersion: String
        let frameStations: Int
        let drawnAt: Date
        let published: Bool
    }

    /// The reading for `sample`, from what the store holds now.
    static func read(_ sample: QuickCountSample, store: any ElectionStore & ResultStore & QuickCountStore) async throws -> QuickCountReading {
        try await read(sample, counts: try await store.observedCounts(ofMission: sample.missionID),
                       published: !(try await store.publications()).isEmpty, store: store)
    }

    /// The reading from `counts`, with the check when the commission has `published` results.
    static func read(
        _ sample: QuickCountSample, counts: [ObservedCount], published: Bool, store: any ElectionStore & ResultStore & QuickCountStore
    ) async throws -> QuickCountReading {
        let estimates = try await store.quickCountEstimates(sample, counts: counts)
        var check: QuickCountCheck?
        if published {
            let inSample = Set(sample.stations.map(\.code))
            var forms: [StationCode: ResultCounts] = [:]
            for totals in try await store.resultTotals(level: .station, within: .nation) {
                if case .station(let code) = totals.code, inSample.contains(code) { forms[code] = totals.counts }
            }
            let provinces = try await store.resultTotals(level: .province, within: .nation)
            check = QuickCountCheck.make(
                estimates: estimates, records: StationCountRecord.records(counts.filter { inSample.contains($0.stationCode) }), officialForms: forms,
                officialNation: try await store.resultTotals(level: .national, within: .nation).first?.counts,
                officialConstituencies: Dictionary(uniqueKeysWithValues: provinces.compactMap { t in t.code.province.map { ($0, t.counts) } }))
        }
        return QuickCountReading(
            sample: Summary(sample),
            estimates: estimates, check: check)
    }
}

/// The last reading of each mission, kept while nothing it rests on has changed (the counts, the
/// publication of the quick count, the official results): an open page asks again every ten
/// seconds, and working out the seats' simulations for each ask would cost a core on results night.
actor QuickCountReadings {
    private let store: any ElectionStore & ResultStore & QuickCountStore
    private var kept: [MissionID: (key: String, reading: QuickCountReading)] = [:]

    init(store: any ElectionStore & ResultStore & QuickCountStore) {
        self.store = store
    }

    func reading(_ sample: QuickCountSample) async throws -> QuickCountReading {
        let counts = try await store.observedCounts(ofMission: sample.missionID)
        let publications = try await store.publications().count
        let lastForm = try await store.lastFormChange()?.timeIntervalSince1970 ?? 0
        let key = "\(counts.count) \(counts.last?.id ?? "") \(sample.published) \(publications) \(lastForm)"
        if let kept = kept[sample.missionID], kept.key == key { return kept.reading }
        let reading = try await QuickCountReading.read(sample, counts: counts, published: publications > 0, store: store)
        kept[sample.missionID] = (key, reading)
        return reading
    }
}
