import ElectionCore
import ElectionStore
import Foundation

/// Officials' register searches run one after another and timed: how many found someone, and
/// the latencies. What `sala register search --queries` prints, for benchmarks.
public struct SearchTimings: Sendable, Equatable {
    /// Searches run.
    public var searches: Int
    /// Searches that found at least one voter.
    public var found: Int
    /// Each search's time in milliseconds, shortest first.
    public var milliseconds: [Double]

    /// Timings of `searches` searches of which `found` found someone, taking `milliseconds` (shortest first).
    public init(searches: Int, found: Int, milliseconds: [Double]) {
        self.searches = searches
        self.found = found
        self.milliseconds = milliseconds
    }

    /// The searches of a queries file: one `name,YYYY-MM-DD` a line; other lines are left out.
    public static func searches(inQueries text: String, toleratesDateSlips: Bool) -> [VoterSearch] {
        text.split(separator: "\n").compactMap { line -> VoterSearch? in
            let parts = line.split(separator: ",")
            guard parts.count == 2, let date = CalendarDate(iso: parts[1]) else { return nil }
            return VoterSearch(name: String(parts[0]), dateOfBirth: date, toleratesDateSlips: toleratesDateSlips)
        }
    }

    /// Runs `searches` against `db` one at a time and times each.
    public static func run(_ searches: [VoterSearch], on db: some RegisterStore) async throws -> SearchTimings {
        var latencies: [Double] = []
        var found = 0
        let clock = ContinuousClock()
        for search in searches {
            var matches: [VoterMatch] = []
            let elapsed = try await clock.measure { matches = try await db.searchVoters(search) }
            latencies.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
            if !matches.isEmpty { found += 1 }
        }
        return SearchTimings(searches: searches.count, found: found, milliseconds: latencies.sorted())
    }

    /// The latency below which a share `p` (0 to 1) of the searches finished, as `sala` prints it
    /// (milliseconds, two decimals); `-` when there were no searches.
    public func percentile(_ p: Double) -> String {
        milliseconds.isEmpty ? "-" : String(format: "%.2f", milliseconds[min(milliseconds.count - 1, Int(Double(milliseconds.count) * p))])
    }
}
