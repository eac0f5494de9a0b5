import ElectionCore
import ElectionStore
import Foundation

/// The demo mission's quick count: a sample sized for ±0.6 points at 95% (1,022 stations at full
/// scale), stratified by province, with two substitutes per stratum, drawn a week before the vote
/// and published after it. Its members copy the count posted at 96% of the sampled stations, a
/// substitute standing for half of the rest; one station in 25 is counted a second time by
/// another member, and a few copies carry a slip of the pen, so the page shows double entry and
/// the check at work.
///
/// The counts are the ones ``CountGenerator`` gives the stations with the scenario's seed, the
/// same that `sala results replay` enters as the official forms, so after a replay the check
/// finds the observers' slips and nothing else.
public enum ReferenceQuickCount {
    public static let plan = QuickCountPlan(margin: 0.006, confidence: .ninetyFive)

    /// The sample, from the reference's stations with voters.
    public static func sample(reference: ElectionReferenceData, seed: UInt64) throws -> QuickCountSample {
        let frame = reference.pollingStations.filter { $0.registeredVoters > 0 }.map(\.id)
        let drawnAt = moment(reference.election.electionDay.adding(days: -8), minutes: 9 * 60, reference.election)
        var sample = try QuickCountSample.draw(
            missionID: DemoMission.id, frame: frame, seed: seed, size: try plan.sampleSize(frameStations: frame.count), strata: .province,
            substitutes: 2, plan: plan, at: drawnAt)
        sample.published = true
        return sample
    }

    /// The counts the mission's members send, in the order received.
    public static func counts(sample: QuickCountSample, reference: ElectionReferenceData, seed: UInt64) throws -> [ObservedCount] {
        let stations = reference.pollingStations.sorted { $0.id < $1.id }
        let forms = CountGenerator(official: try OfficialResults.cambodia2023(), seed: seed)
            .counts(for: stations.map { .init(code: $0.id, registeredVoters: $0.registeredVoters) })
        let official = Dictionary(uniqueKeysWithValues: zip(stations.map(\.id), forms))
        var random = SeededGenerator(seed: seed, stream: 0x7163_6F75_6E74)  // "qcount"
        let day = reference.election.electionDay
        var counts: [ObservedCount] = []
        for (_, members) in Dictionary(grouping: sample.stations, by: \.stratum).sorted(by: { $0.key < $1.key }) {
            var substitutes = members.filter { $0.substitute != nil }.sorted { $0.substitute! < $1.substitute! }.makeIterator()
            for station in members.filter({ $0.substitute == nil }) {
                var code = station.code
                if random.next() % 100 >= 96 {
                    // Not reported: half the time a substitute of the stratum reports instead.
                    guard random.next() % 2 == 0, let substitute = substitutes.next() else { continue }
                    code = substitute.code
                }
                guard var figures = official[code] else { continue }
                let posted = 15 * 60 + 20 + Int(random.next() % 130)
                let first = 2 + Int(random.next() % 7)
                // One copy in 150 carries a slip: a party's votes off by ten.
                if random.next() % 150 == 0, let party = figures.votes.keys.sorted().dropFirst().first {
                    figures.votes[party, default: 0] += 10
                }
                func count(_ seat: Int, _ figures: ResultCounts, after minutes: Int) -> ObservedCount {
                    ObservedCount(
                        id: DemoMission.uuid(&random), missionID: sample.missionID, observer: seat, stationCode: code,
                        observedAt: ClockTime(minutes: posted), counts: figures,
                        receivedAt: moment(day, minutes: posted + minutes, reference.election))
                }
                counts.append(count(first, figures, after: 5 + Int(random.next() % 40)))
                if random.next() % 25 == 0 {
                    // A second member's count: the posted figures, without the first one's slip.
                    counts.append(count(2 + (first - 1) % 7, official[code]!, after: 50 + Int(random.next() % 60)))
                }
            }
        }
        return counts.sorted { ($0.receivedAt!, $0.id) < ($1.receivedAt!, $1.id) }
    }

    /// Local `minutes` after midnight on `day`, as an instant.
    static func moment(_ day: CalendarDate, minutes: Int, _ election: Election) -> Date {
        Date(timeIntervalSince1970: Double(day.daysSinceEpoch * 86_400 + (minutes - election.utcOffsetMinutes) * 60))
    }
}

extension CambodiaScenario {
    /// Records the demo mission's quick-count sample and its members' counts (after ``DemoMission/loadObservers(_:into:)``).
    public func loadQuickCount(into store: any QuickCountStore) async throws {
        let sample = try ReferenceQuickCount.sample(reference: reference, seed: seed)
        try await store.recordQuickCountSample(sample)
        for count in try ReferenceQuickCount.counts(sample: sample, reference: reference, seed: seed) {
            _ = try await store.addObservedCount(count, at: count.receivedAt!)
        }
    }
}
