import ArgumentParser
import ElectionCore
import Foundation

/// `sala apportion`: shares a house's seats among constituencies by population.
struct Apportion: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apportion a house among constituencies by population, with a minimum each.",
        discussion: """
            Reads a JSON object of constituency -> population from --populations FILE or standard input \
            and prints {"seats": {...}, "ties": [...], "steps": [...]}. Exit code 3: a tie leaves seats \
            undecided. Exit code 2: bad input.
            """)

    static let methods = ["hamilton", "jefferson", "webster", "huntington-hill"]

    @Option(help: ArgumentHelp("One of: \(Apportion.methods.joined(separator: ", ")).", valueName: "METHOD"))
    var method: String

    @Option(help: "Seats in the house.")
    var seats: Int

    @Option(help: "Seats every constituency gets at least (Huntington-Hill needs 1 or more).")
    var minimum = 0

    @Option(help: ArgumentHelp("JSON file of constituency -> population (standard input when absent).", valueName: "FILE"))
    var populations: String?

    func run() async throws {
        try AllocationCommand.run(makeAllocation)
    }

    private func makeAllocation() throws -> SeatAllocation {
        let method: SeatMethod
        switch self.method {
        case "hamilton": method = .largestRemainder(.hare)
        case "jefferson": method = .dHondt
        case "webster": method = .sainteLague
        case "huntington-hill": method = .huntingtonHill
        default:
            throw BadAllocationInput(message: "--method must be one of \(Apportion.methods.joined(separator: ", ")), not '\(self.method)'.")
        }
        guard seats >= 1 else { throw BadAllocationInput(message: "--seats must be at least 1, not \(seats).") }
        guard minimum >= 0 else { throw BadAllocationInput(message: "--minimum must not be negative.") }
        let constituencies = try AllocationCommand.counts(
            from: populations, unit: "population", example: #"{"Phnom Penh": 2281951, "Kep": 41798}"#)
        return SeatAllocation(method: method, seats: seats, contestants: constituencies, minimum: minimum)
    }
}
