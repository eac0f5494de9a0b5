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
            {"seats": {...}, "ties": [...]} or {"error": "..."}. The time spent allocating (without \
            reading and writing) goes to standard error.
            """)

    @Argument(help: "JSON lines file (standard input when absent).")
    var file: String?

    struct Election: Decodable {
        let method: String
        let seats: Int
        let votes: [String: Int]
        let firstDivisor: String?
    }

    struct Result: Encodable {
        var seats: [String: Int]?
        var ties: [AllocationCommand.Output.Tie]?
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
        let started = ContinuousClock.now
        for (index, allocation) in parsed.enumerated() {
            guard let allocation else { continue }
            do {
                let outcome = try allocation.allocate()
                allocations[index].seats = outcome.seats
                allocations[index].ties = outcome.tie.map { [.init(contestants: $0.contestants, seats: $0.seats)] } ?? []
            } catch {
                allocations[index].error = "\(error)"
            }
        }
        let elapsed = ContinuousClock.now - started
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var out = Data()
        for result in allocations {
            out.append(try encoder.encode(result))
            out.append(UInt8(ascii: "\n"))
        }
        FileHandle.standardOutput.write(out)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        FileHandle.standardError.write(Data("allocated \(parsed.count) elections in \(String(format: "%.6f", seconds)) s\n".utf8))
    }
}
