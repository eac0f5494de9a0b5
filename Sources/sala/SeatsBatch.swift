import ArgumentParser
import ElectionCore
import Foundation

/// `sala seats-batch`: many allocations in one run, one JSON object per line in and out, for
/// checking Sala against other implementations and for `bench/seats`.
struct SeatsBatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seats-batch",
        abstract: "Allocate seats for many elections given as JSON lines.",
        discussion: """
            Each input line: {"method": "dhondt", "seats": 5, "votes": {"A": 120, "B": 80}} with the \
            methods of `sala seats` (and "firstDivisor" for modified-sainte-lague). Each output line: \
            {"seats": {...}, "ties": [...], "unfilled": N} or {"error": "..."}. Two times go to standard error: the \
            allocations alone (SeatAllocation.allocate(), seats per list), and turning those into \
            seats by list name; reading and writing JSON are not timed.
            """)

    @Argument(help: "JSON lines file (standard input when absent).")
    var file: String?

    @Option(help: "Timed passes over the elections; the fastest is reported.")
    var passes = 1

    struct Election: Decodable {
        let method: String
        let seats: Int
        let votes: [String: Int]
        let firstDivisor: String?
    }

    struct Result: Encodable {
        var seats: [String: Int]?
        var ties: [AllocationCommand.Output.Tie]?
        var unfilled: Int?
        var error: String?
    }

    func run() async throws {
        let data: Data
        do {
            data = try file.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } ?? FileHandle.standardInput.readDataToEndOfFile()
        } catch {
            throw ValidationError("cannot read \(file ?? "standard input"): \(error.localizedDescription)")
        }
        let decoder = JSONDecoder()
        var allocations: [Result] = []
        var parsed: [SeatAllocation?] = []
        for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let election = try? decoder.decode(Election.self, from: Data(line)),
                  let method = AllocationCommand.seatMethod(election.method, firstDivisor: election.firstDivisor) else {
                parsed.append(nil)
                allocations.append(Result(error: "line \(number + 1): not an election as documented"))
                continue
            }
            parsed.append(SeatAllocation(
                method: method, seats: election.seats,
                contestants: election.votes.keys.sorted().map { .init(name: $0, votes: election.votes[$0] ?? 0) }))
            allocations.append(Result())
        }
        // Best of `passes` runs over all the elections, so that one cold start (caches, page
        // faults) does not stand for the whole; bench/seats times votelib the same way.
        var outcomes: [AllocationOutcome?] = Array(repeating: nil, count: parsed.count)
        var elapsed = Duration.seconds(Int64.max)
        for _ in 0..<passes {
            let started = ContinuousClock.now
            for (index, allocation) in parsed.enumerated() {
                guard let allocation else { continue }
                do {
                    outcomes[index] = try allocation.allocate()
                } catch {
                    allocations[index].error = "\(error)"
                }
            }
            elapsed = min(elapsed, ContinuousClock.now - started)
        }
        // Naming the seats (a dictionary of list names per election) is timed apart: it is what a
        // caller that wants names pays on top of the allocation.
        let naming = ContinuousClock.now
        for (index, outcome) in outcomes.enumerated() {
            guard let outcome else { continue }
            allocations[index].seats = outcome.seats
            allocations[index].ties = outcome.tie.map { [.init(contestants: $0.contestants, seats: $0.seats)] } ?? []
            allocations[index].unfilled = outcome.unfilled
        }
        let named = ContinuousClock.now - naming
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var out = Data()
        for result in allocations {
            out.append(try encoder.encode(result))
            out.append(UInt8(ascii: "\n"))
        }
        FileHandle.standardOutput.write(out)
        func seconds(_ d: Duration) -> String {
            String(format: "%.6f", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
        FileHandle.standardError.write(Data("""
            allocated \(parsed.count) elections in \(seconds(elapsed)) s
            named the seats of \(parsed.count) elections in \(seconds(named)) s

            """.utf8))
    }
}
