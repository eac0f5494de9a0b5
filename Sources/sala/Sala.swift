import ArgumentParser

/// `sala`: the election commission's platform, from the command line.
@main
struct Sala: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sala: election administration and observation.",
        discussion: "Run `sala serve` to build a demo database (if there is none) and serve the public portal.",
        subcommands: [Serve.self, Scenario.self, Stats.self, ElectionCommand.self, User.self, Results.self, Tally.self, Mission.self, Report.self, Register.self, Import.self, Export.self, Seats.self, SeatsBatch.self, QuickCountBench.self, Apportion.self, AccreditationCommand.self, Verify.self, Campaign.self, ElectionDay.self, Backup.self, Restore.self, Audit.self]
    )
}
