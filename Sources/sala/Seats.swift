import ArgumentParser
import ElectionCore
import Foundation

/// `sala seats`: shares seats among lists from a JSON object of list name → votes.
struct Seats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Allocate seats from votes, exactly, showing every step.",
        discussion: """
            Reads a JSON object of list name -> votes from --votes FILE or standard input and prints \
            {"seats": {...}, "ties": [...], "unfilled": N, "steps": [...]}. Exit code 3: a tie leaves seats \
            undecided (a drawing of lots is required). Seats no list can take (every list out of \
            candidates, or each with its one remainder seat) are "unfilled": decided, exit code 0. \
            Exit code 2: bad input.
            """)

    @Option(help: ArgumentHelp("One of: \(AllocationCommand.seatMethods.joined(separator: ", ")).", valueName: "METHOD"))
    var method: String

    @Option(help: "Seats to fill.")
    var seats: Int

    @Option(help: "Smallest share of the valid votes, in percent, that a list needs to win a seat.")
    var threshold: String?

    @Option(help: "First divisor of modified Sainte-Laguë, e.g. 1.4.")
    var firstDivisor: String?

    @Option(help: ArgumentHelp("JSON file of list name -> votes (standard input when absent).", valueName: "FILE"))
    var votes: String?

    func run() async throws {
        try AllocationCommand.run(makeAllocation)
    }

    private func makeAllocation() throws -> SeatAllocation {
        guard let method = AllocationCommand.seatMethod(self.method, firstDivisor: firstDivisor) else {
            if self.method == "modified-sainte-lague" {
                throw BadAllocationInput(message: "--first-divisor must be a positive number such as 1.4 for modified-sainte-lague.")
            }
            throw BadAllocationInput(message: "--method must be one of \(AllocationCommand.seatMethods.joined(separator: ", ")), not '\(self.method)'.")
        }
        guard seats >= 1 else { throw BadAllocationInput(message: "--seats must be at least 1, not \(seats).") }
        var share = Rational(0)
        if let threshold {
            // A denominator too large to take a hundredth of is no percentage anyone means (found by fuzzing Rational).
            guard let percent = Rational(threshold), percent <= Rational(100),
                  case (let hundredths, false) = percent.denominator.multipliedReportingOverflow(by: 100) else {
                throw BadAllocationInput(message: "--threshold must be a percentage between 0 and 100, not '\(threshold)'.")
            }
            share = Rational(percent.numerator, hundredths)
        }
        let contestants = try AllocationCommand.counts(from: votes, unit: "votes", example: #"{"A": 1200, "B": 800}"#)
        return SeatAllocation(method: method, seats: seats, contestants: contestants, threshold: share)
    }
}
