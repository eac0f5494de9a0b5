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
        let counts = try await store.observedCounts(ofMission: sample.missionID)
        let estimates = try await store.quickCountEstimates(sample, counts: counts)
        var check: QuickCountCheck?
        if !(try await store.publications()).isEmpty {
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
