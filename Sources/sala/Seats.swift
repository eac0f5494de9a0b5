import ArgumentParser
import ElectionCore
import Foundation

/// `sala seats`: shares seats among lists from a JSON object of list name → votes.
struct Seats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Allocate seats from votes, exactly, showing every step.",
        discussion: """
            Reads a JSON object of list name -> votes from --votes FILE or standard input and prints \
            {"seats": {...}, "ties": [...], "steps": [...]}. Exit code 3: a tie leaves seats undecided \
            (a drawing of lots is required). Exit code 2: bad input.
            """)

    static let methods = [
        "dhondt", "cambodia", "sainte-lague", "modified-sainte-lague", "hare", "droop", "hagenbach-bischoff", "imperiali",
    ]

    @Option(help: ArgumentHelp("One of: \(Seats.methods.joined(separator: ", ")).", valueName: "METHOD"))
    var method: String

    @Option(help: "Seats to fill.")
    var seats: Int

    @Option(help: "Smallest share of the valid votes, in percent, that a list needs to win a seat.")
    var threshold: String?

    @Option(help: "First divisor of modified Sainte-Laguë, e.g. 1.4.")
    var firstDivisor: String?

    @Option(help: ArgumentHelp("JSON file of list name -> votes (standard input when absent).", valueName: "FILE"))
    var votes: String?

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
        let steps: [Step]
    }

    func run() async throws {
        let allocation: SeatAllocation
        do {
            allocation = try makeAllocation()
        } catch let problem as BadSeatsInput {
            FileHandle.standardError.write(Data("Error: \(problem.message)\n".utf8))
            throw ExitCode(2)
        }
        let outcome: AllocationOutcome
        do {
            outcome = try allocation.allocate()
        } catch let problem as SeatAllocation.Problem {
            FileHandle.standardError.write(Data("Error: \(problem)\n".utf8))
            throw ExitCode(2)
        }
        let output = Output(
            seats: outcome.seats,
            ties: outcome.tie.map { [.init(contestants: $0.contestants, seats: $0.seats)] } ?? [],
            steps: outcome.steps.map { .init(kind: $0.kind, contestant: $0.contestant, seats: $0.seats, value: $0.value.description) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(output), as: UTF8.self))
        if outcome.tie != nil { throw ExitCode(3) }
    }

    /// One list's votes as the JSON gives them: a whole number, or nil for anything else.
    struct VoteCount: Decodable {
        let value: Int?
        init(from decoder: any Decoder) throws {
            value = try? decoder.singleValueContainer().decode(Int.self)
        }
    }

    struct BadSeatsInput: Error {
        let message: String
    }

    private func makeAllocation() throws -> SeatAllocation {
        let method: SeatMethod
        switch self.method {
        case "dhondt": method = .dHondt
        case "cambodia": method = .cambodia
        case "sainte-lague": method = .sainteLague
        case "modified-sainte-lague":
            guard let text = firstDivisor, let divisor = Rational(text), divisor > Rational(0) else {
                throw BadSeatsInput(message: "--first-divisor must be a positive number such as 1.4 for modified-sainte-lague.")
            }
            method = .modifiedSainteLague(firstDivisor: divisor)
        default:
            guard let quota = SeatMethod.Quota(rawValue: self.method) else {
                throw BadSeatsInput(message: "--method must be one of \(Seats.methods.joined(separator: ", ")), not '\(self.method)'.")
            }
            method = .largestRemainder(quota)
        }
        guard seats >= 1 else { throw BadSeatsInput(message: "--seats must be at least 1, not \(seats).") }
        var share = Rational(0)
        if let threshold {
            guard let percent = Rational(threshold), percent <= Rational(100) else {
                throw BadSeatsInput(message: "--threshold must be a percentage between 0 and 100, not '\(threshold)'.")
            }
            share = Rational(percent.numerator, percent.denominator * 100)
        }
        let data: Data
        do {
            data = try votes.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } ?? FileHandle.standardInput.readDataToEndOfFile()
        } catch {
            throw BadSeatsInput(message: "cannot read --votes file \(votes ?? ""): \(error.localizedDescription)")
        }
        guard let object = try? JSONDecoder().decode([String: VoteCount].self, from: data) else {
            throw BadSeatsInput(message: "the votes must be a JSON object of list name -> votes, e.g. {\"A\": 1200, \"B\": 800}.")
        }
        guard !object.isEmpty else { throw BadSeatsInput(message: "the votes object is empty: there must be at least one list.") }
        var contestants: [SeatAllocation.Contestant] = []
        for name in object.keys.sorted() {
            guard let votes = object[name]?.value, votes >= 0 else {
                throw BadSeatsInput(message: "votes of '\(name)' must be a whole number of at least 0.")
            }
            contestants.append(.init(name: name, votes: votes))
        }
        return SeatAllocation(method: method, seats: seats, contestants: contestants, threshold: share)
    }
}
