import ElectionCore
import Foundation

/// A mission's quick count: its sample and the counts its observers copy at sampled stations.
public protocol QuickCountStore: Sendable {
    /// Records the mission's sample with its stations. A mission draws once: throws
    /// ``StoreError/duplicate(_:_:)`` when it has a sample already, and
    /// ``StoreError/notFound(_:_:)`` for a mission or station not stored.
    func recordQuickCountSample(_ sample: QuickCountSample) async throws
    /// The mission's sample, nil before it is drawn.
    func quickCountSample(ofMission id: MissionID) async throws -> QuickCountSample?
    /// Makes the mission's estimates and check public, or private again.
    func publishQuickCount(ofMission id: MissionID, _ published: Bool) async throws
    /// Records an observer's count of a station of the sample, received at `time`. The same
    /// submission id with the same content is `repeated` and changes nothing; with other content
    /// it is a ``SubmissionConflict``. A station outside the sample is ``StoreError/notFound(_:_:)``.
    func addObservedCount(_ count: ObservedCount, at time: Date) async throws -> SubmissionReceipt.Outcome
    /// The mission's counts in the order received.
    func observedCounts(ofMission id: MissionID) async throws -> [ObservedCount]
}

extension QuickCountStore where Self: ElectionStore {
    /// The estimates from `counts` of `sample`, with the election's parties, seats and method and
    /// the sampled stations' registered voters as stored.
    public func quickCountEstimates(_ sample: QuickCountSample, counts: [ObservedCount]) async throws -> QuickCountEstimates {
        let election = QuickCountEstimates.election(try await election(), parties: try await parties(), constituencies: try await constituencies())
        let stations = try await pollingStations(codes: sample.stations.map(\.code))
        return QuickCountEstimates.make(
            sample: sample, counts: counts, election: election,
            registered: Dictionary(uniqueKeysWithValues: stations.map { ($0.id, $0.registeredVoters) }))
    }
}

extension ElectionStore {
    /// A quick count's frame: every polling station with registered voters, by code.
    public func stationsWithVoters() async throws -> [PollingStation] {
        var stations: [PollingStation] = []
        for province in try await constituencies() {
            stations += try await pollingStations(inProvince: province.id).filter { $0.registeredVoters > 0 }
        }
        return stations.sorted { $0.id < $1.id }
    }
}
