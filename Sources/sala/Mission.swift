import ArgumentParser
import ElectionCore
import ElectionStore
import ElectionWeb
import Foundation

/// `sala mission`: observer missions' tokens.
struct Mission: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Observer missions: tokens for observers' phones.", subcommands: [Token.self])

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a bearer token for one mission member to submit checklists, and print it once.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "Mission id, e.g. demo-2023.") var mission: String
        @Argument(help: "The member's seat in the mission (1 is the head).") var seat: Int

        func run() async throws {
            let db = try await store.target(defaultPath: "sala.sqlite").openExisting()
            do {
                guard try await db.members(ofMission: mission).contains(where: { $0.seat == seat }) else {
                    throw ValidationError("Mission \(mission) has no member in seat \(seat).")
                }
                let token = Passwords.newToken()
                try await db.addObserverToken(digest: Passwords.digest(token), missionID: mission, seat: seat)
                try await db.close()
                announce(token)
            } catch let error as StoreError {
                try? await db.close()
                throw ValidationError(error.description)
            }
        }
    }
}

/// `sala report`: reports computed from the database.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a report.", subcommands: [MissionReportCommand.self])

    struct MissionReportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mission", abstract: "A mission's report, in the structure of a mission statement; every figure computed.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "Mission id, e.g. demo-2023.") var mission: String
        @Option(help: "html or md.") var format = "md"
        @Option(help: "en or km.") var language = "en"
        @Option(help: "Output file (standard output when absent).") var out: String?

        func validate() throws {
            guard ["html", "md"].contains(format) else { throw ValidationError("--format must be html or md, not '\(format)'.") }
            guard Language(rawValue: language) != nil else { throw ValidationError("--language must be en or km, not '\(language)'.") }
        }

        func run() async throws {
            let db = try await store.target(defaultPath: "sala.sqlite").openExisting()
            let text: String
            do {
                text = try await MissionReportDocument.render(
                    try await db.missionReport(mission), format: format, language: Language(rawValue: language)!)
                try await db.close()
            } catch let error as StoreError {
                try? await db.close()
                throw ValidationError(error.description)
            }
            if let out {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}
