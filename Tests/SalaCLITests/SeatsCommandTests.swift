import Foundation
import Testing

/// `sala seats` end to end: JSON in, JSON out, exit codes 0, 3 (tie) and 2 (bad input).
@Suite struct SeatsCommandTests {
    struct Output: Decodable {
        struct Tie: Decodable, Equatable {
            let contestants: [String]
            let seats: Int
        }
        let seats: [String: Int]
        let ties: [Tie]
        let unfilled: Int
    }

    @Test func allocatesAndPrintsJSON() throws {
        let result = try SalaCommand.run(
            ["seats", "--method", "sainte-lague", "--seats", "8"], input: #"{"A": 100000, "B": 80000, "C": 30000, "D": 20000}"#)
        #expect(result.status == 0, "\(result.error)")
        let output = try JSONDecoder().decode(Output.self, from: Data(result.output.utf8))
        #expect(output.seats == ["A": 3, "B": 3, "C": 1, "D": 1])
        #expect(output.ties.isEmpty)
    }

    @Test func aTieExitsWithThreeAndSaysWhichSeats() throws {
        let result = try SalaCommand.run(["seats", "--method", "dhondt", "--seats", "3"], input: #"{"A": 300, "B": 150, "C": 150}"#)
        #expect(result.status == 3)
        let output = try JSONDecoder().decode(Output.self, from: Data(result.output.utf8))
        #expect(output.ties == [.init(contestants: ["A", "B", "C"], seats: 2)])
    }

    /// Droop's quota over 31 leaves seats that no list can take once each has had its one
    /// remainder seat: they are unfilled, a decided outcome, not a tie among no one.
    @Test func seatsTheQuotaCannotFillAreUnfilledNotATie() throws {
        let result = try SalaCommand.run(["seats", "--method", "droop", "--seats", "30"], input: #"{"P0": 77, "P1": 17}"#)
        #expect(result.status == 0, "\(result.error)")
        let output = try JSONDecoder().decode(Output.self, from: Data(result.output.utf8))
        #expect(output.seats == ["P0": 20, "P1": 5])
        #expect(output.ties.isEmpty)
        #expect(output.unfilled == 5)
    }

    @Test func thresholdAndFileInput() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("votes-\(UUID().uuidString).json")
        try Data(#"{"A": 600, "B": 380, "C": 20}"#.utf8).write(to: file)
        let result = try SalaCommand.run(["seats", "--method", "dhondt", "--seats", "4", "--threshold", "5", "--votes", file.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(try JSONDecoder().decode(Output.self, from: Data(result.output.utf8)).seats == ["A": 3, "B": 1, "C": 0])
    }

    @Test(arguments: [
        (["--method", "dhondt", "--seats", "3"], #"{"A": -5}"#, "votes of 'A' must be a whole number"),
        (["--method", "dhondt", "--seats", "3"], #"{"A": 2.5}"#, "votes of 'A' must be a whole number"),
        (["--method", "dhondt", "--seats", "3"], #"{}"#, "the votes object is empty"),
        (["--method", "dhondt", "--seats", "3"], #"[1, 2]"#, "must be a JSON object"),
        (["--method", "dhondt", "--seats", "0"], #"{"A": 1}"#, "--seats must be at least 1"),
        (["--method", "borda", "--seats", "3"], #"{"A": 1}"#, "--method must be one of"),
        (["--method", "modified-sainte-lague", "--seats", "3"], #"{"A": 1}"#, "--first-divisor must be a positive number"),
        (["--method", "hare", "--seats", "3", "--threshold", "120"], #"{"A": 1}"#, "--threshold must be a percentage"),
        (["--method", "hare", "--seats", "3", "--threshold", "1/9223372036854775807"], #"{"A": 1}"#, "--threshold must be a percentage"),
    ])
    func badInputExitsWithTwoAndSaysWhy(arguments: [String], input: String, message: String) throws {
        let result = try SalaCommand.run(["seats"] + arguments, input: input)
        #expect(result.status == 2)
        #expect(result.error.contains(message), "\(result.error)")
    }
}

@Suite struct ApportionCommandTests {
    @Test func apportionsAHouseWithAMinimum() throws {
        let result = try SalaCommand.run(
            ["apportion", "--method", "hamilton", "--seats", "10", "--minimum", "1"], input: #"{"A": 9000, "B": 900, "C": 100}"#)
        #expect(result.status == 0, "\(result.error)")
        let output = try JSONDecoder().decode(SeatsCommandTests.Output.self, from: Data(result.output.utf8))
        #expect(output.seats == ["A": 8, "B": 1, "C": 1])
    }

    @Test(arguments: [
        (["--method", "huntington-hill", "--seats", "5"], #"{"A": 10, "B": 5}"#, "the minimum must be at least 1"),
        (["--method", "webster", "--seats", "2", "--minimum", "1"], #"{"A": 1, "B": 1, "C": 1}"#, "exceeds the seats"),
        (["--method", "adams", "--seats", "2"], #"{"A": 1}"#, "--method must be one of hamilton"),
        (["--method", "webster", "--seats", "2"], #"{"A": "many"}"#, "population of 'A' must be a whole number"),
    ])
    func badInputExitsWithTwo(arguments: [String], input: String, message: String) throws {
        let result = try SalaCommand.run(["apportion"] + arguments, input: input)
        #expect(result.status == 2)
        #expect(result.error.contains(message), "\(result.error)")
    }
}
