import ArgumentParser
import ElectionCore
import ElectionScenario
import Foundation

/// `sala quick-count-bench`: the quick count's estimates timed from 1,000 to 23,789 reporting
/// stations, and its intervals' coverage over simulated elections, for `bench/quick-count`.
/// Works on the reference scenario's stations at full scale, without a database.
struct QuickCountBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quick-count-bench",
        abstract: "Time the quick count's estimates and measure its intervals' coverage.",
        discussion: """
            For each --stations size: a stratified sample of that many stations, their counts from the \
            scenario's generated count, and the estimates (national, by constituency, seats by 1,000 \
            simulations, history) recomputed --passes times; the fastest is printed. With --export, \
            each sample's counts are written as JSON for an independent computation. With --coverage N: \
            N simulated elections (the generated count with seeds 1...N), a sample of --coverage-sample \
            stations each, and how often the 95% interval of the two largest parties covers their \
            true national share.
            """)

    @Option(parsing: .upToNextOption, help: "Reporting stations to time.")
    var stations: [Int] = [1_000, 23_789]

    @Option(help: "Timed passes per size; the fastest is reported.")
    var passes = 5

    @Option(help: "Directory to write each sample's counts to, as JSON.")
    var export: String?

    @Option(help: "Simulated elections for the coverage run (0: none).")
    var coverage = 0

    @Option(help: "Stations sampled in each simulated election.")
    var coverageSample = 1_000

    func run() async throws {
        let scenario = try CambodiaScenario()
        let all = scenario.reference.pollingStations.sorted { $0.id < $1.id }
        let frame = all.filter { $0.registeredVoters > 0 }.map(\.id)
        let official = try OfficialResults.cambodia2023()
        let parties = scenario.reference.parties.map(\.id).sorted()
        let seats = Dictionary(uniqueKeysWithValues: scenario.reference.constituencies.map { ($0.id, $0.seats) })
        let election = QuickCountEstimates.Election(parties: parties, seats: seats, method: .cambodia)
        func forms(seed: UInt64) -> [StationCode: ResultCounts] {
            let counts = CountGenerator(official: official, seed: seed).counts(for: all.map { .init(code: $0.id, registeredVoters: $0.registeredVoters) })
            return Dictionary(uniqueKeysWithValues: zip(all.map(\.id), counts))
        }
        let generated = forms(seed: scenario.seed)
        let registered = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.registeredVoters) })

        for size in stations {
            let sample = try QuickCountSample.draw(
                missionID: "bench", frame: frame, seed: scenario.seed, size: min(size, frame.count), strata: .province, substitutes: 0, plan: nil,
                at: Date(timeIntervalSince1970: 0))
            let counts = sample.sampled.enumerated().map { i, station in
                ObservedCount(id: String(i), missionID: "bench", observer: 1, stationCode: station.code, observedAt: ClockTime(minutes: 960),
                              counts: generated[station.code]!, receivedAt: Date(timeIntervalSince1970: Double(i)))
            }
            var best = Double.infinity, nationalBest = Double.infinity
            var estimates: QuickCountEstimates?
            for _ in 0..<passes {
                let started = ContinuousClock.now
                estimates = QuickCountEstimates.make(sample: sample, counts: counts, election: election, registered: registered)
                best = min(best, (ContinuousClock.now - started).seconds)
                let nationalStarted = ContinuousClock.now
                _ = QuickCountFigures.estimate(strata(sample, generated), parties: parties)
                nationalBest = min(nationalBest, (ContinuousClock.now - nationalStarted).seconds)
            }
            let leading = estimates?.national?.parties.max { $0.share.estimate < $1.share.estimate }
            print(String(format: "estimates at %d stations: %.1f ms (national figures alone %.2f ms); leading party %@ %.4f ± %.4f",
                         sample.sampled.count, best * 1000, nationalBest * 1000, leading.map { "\($0.party)" } ?? "-",
                         leading?.share.estimate ?? 0, (leading?.share.high95 ?? 0) - (leading?.share.estimate ?? 0)))
            if let export {
                let rows = strata(sample, generated).map { stratum in
                    ["frameStations": stratum.frameStations,
                     "counts": stratum.counts.map { c in [c.validVotes] + parties.map { c.votes[$0] ?? 0 } }] as [String: Any]
                }
                let document: [String: Any] = [
                    "parties": parties.map(\.rawValue), "strata": rows, "seconds": nationalBest,
                    "estimates": (estimates?.national?.parties ?? []).map { ["party": $0.party.rawValue, "estimate": $0.share.estimate, "standardError": $0.share.standardError] },
                ]
                try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: "\(export)/sample-\(sample.sampled.count).json"))
            }
        }

        guard coverage > 0 else { return }
        let started = ContinuousClock.now
        let largest = official.votes.sorted { $0.value > $1.value }.prefix(2).map(\.key)
        let valid = official.votes.values.reduce(0, +)
        var covered = [0, 0], halfWidth = [0.0, 0.0]
        for run in 1...coverage {
            let simulated = forms(seed: UInt64(run))
            let sample = try QuickCountSample.draw(
                missionID: "bench", frame: frame, seed: UInt64(run) &* 7_919, size: coverageSample, strata: .province, substitutes: 0, plan: nil,
                at: Date(timeIntervalSince1970: 0))
            // The truth: this simulated election's national shares (the generator keeps the official totals).
            var totals: [PartyNumber: Int] = [:], validTotal = 0
            for counts in simulated.values {
                validTotal += counts.validVotes
                for (party, n) in counts.votes { totals[party, default: 0] += n }
            }
            guard let figures = QuickCountFigures.estimate(strata(sample, simulated), parties: largest) else { continue }
            for (i, party) in largest.enumerated() {
                let share = figures.share(of: party)!
                if share.covers(Double(totals[party] ?? 0) / Double(validTotal), .ninetyFive) { covered[i] += 1 }
                halfWidth[i] += (share.high95 - share.low95) / 2
            }
        }
        for (i, party) in largest.enumerated() {
            print(String(format: "coverage of party %@ (true share %.4f): %.1f%% of %d elections in the 95%% interval; mean half-width %.2f points",
                         "\(party)", Double(official.votes[party]!) / Double(valid), 100 * Double(covered[i]) / Double(coverage), coverage,
                         100 * halfWidth[i] / Double(coverage)))
        }
        print(String(format: "coverage run: %.1f s", (ContinuousClock.now - started).seconds))
    }

    /// The sample's strata with their stations' counts.
    private func strata(_ sample: QuickCountSample, _ forms: [StationCode: ResultCounts]) -> [(frameStations: Int, counts: [ResultCounts])] {
        sample.standing(reported: Set(sample.sampled.map(\.code))).map { ($0.stratum.frameStations, $0.standing.compactMap { forms[$0] }) }
    }
}
