import ArgumentParser
import ElectionCore
import Foundation

/// What `sala seats` and `sala apportion` share: reading counts as JSON, printing the outcome as
/// JSON, and the exit codes (0 decided, 3 a tie leaves seats open, 2 bad input). Seats no list can
/// take are printed as `unfilled`: decided, not a tie.
enum AllocationCommand {
    struct Output: Encodable {
        struct Tie: Encodable {
            let contestants: [String]
            let seats: Int
        }
        struct Step: Encodable {
            let kind: String
            let contestant: String
            let seats: Int
            let value: String
        }
        let seats: [String: Int]
        let ties: [Tie]
        /// Seats no list can take (all out of candidates, or each with its one remainder seat).
        let unfilled: Int
        let steps: [Step]
    }

    /// One count as the JSON gives it: a whole number, or nil for anything else.
    struct Count: Decodable {
        let value: Int?
        init(from decoder: any Decoder) throws {
            value = try? decoder.singleValueContainer().decode(Int.self)
        }
    }

    /// The party-list methods by the names `sala seats` and `sala seats-batch` take.
    static let seatMethods = [
        "dhondt", "cambodia", "sainte-lague", "modified-sainte-lague", "hare", "droop", "hagenbach-bischoff", "imperiali",
    ]

    /// The method called `name`; nil for an unknown name or a missing or non-positive first divisor.
    static func seatMethod(_ name: String, firstDivisor: String?) -> SeatMethod? {
        SeatMethod(name: name, firstDivisor: firstDivisor.flatMap(Rational.init))
    }

    static func run(_ make: () throws -> SeatAllocation) throws {
        let outcome: AllocationOutcome
        do {
            outcome = try make().allocate()
        } catch let problem as BadAllocationInput {
            FileHandle.standardError.write(Data("Error: \(problem.message)\n".utf8))
            throw ExitCode(2)
        } catch let problem as SeatAllocation.Problem {
            FileHandle.standardError.write(Data("Error: \(problem)\n".utf8))
            throw ExitCode(2)
        }
        let output = Output(
            seats: outcome.seats,
            ties: outcome.tie.map { [.init(contestants: $0.contestants, seats: $0.seats)] } ?? [],
            unfilled: outcome.unfilled,
            steps: outcome.steps.map {
                .init(kind: $0.kind, contestant: $0.contestant, seats: $0.seats, value: $0.value.description)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(output), as: UTF8.self))
        if outcome.tie != nil { throw ExitCode(3) }
    }

    /// A JSON object of name → whole number (votes or population) from `file`, or standard input.
    static func counts(from file: String?, unit: String, example: String) throws -> [SeatAllocation.Contestant] {
        let data: Data
        do {
            data = try file.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } ?? FileHandle.standardInput.readDataToEndOfFile()
        } catch {
            throw BadAllocationInput(message: "cannot read \(file ?? "standard input"): \(error.localizedDescription)")
        }
        guard let object = try? JSONDecoder().decode([String: Count].self, from: data) else {
            throw BadAllocationInput(message: "the \(unit) must be a JSON object of name -> \(unit), e.g. \(example).")
        }
        guard !object.isEmpty else { throw BadAllocationInput(message: "the \(unit) object is empty: there must be at least one entry.") }
        return try object.keys.sorted().map { name in
            guard let count = object[name]?.value, count >= 0 else {
                throw BadAllocationInput(message: "\(unit) of '\(name)' must be a whole number of at least 0.")
            }
            return SeatAllocation.Contestant(name: name, votes: count)
        }
    }
}

/// Input an allocation command refuses, with the reason to print.
struct BadAllocationInput: Error {
    let message: String
}
