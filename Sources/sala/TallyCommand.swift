import ArgumentParser
import ElectionCore
import ElectionOperations
import ElectionStore
import Foundation

/// `sala tally`: the results as they stand at one level.
struct Tally: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print totals, turnout, seats and elected members.",
        discussion: """
            national: the nation and every province with its seats; province: one province (--code) with its seats \
            and elected members; commune or station: one unit's totals (--code).
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "national, province, commune or station.") var level = "national"
    @Option(help: "Province, commune or station code (for those levels).") var code: String?
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        guard let parsed = ResultLevel(rawValue: level) else {
            throw ValidationError("--level must be national, province, commune or station, not '\(level)'.")
        }
        if parsed == .national, code != nil { throw ValidationError("--code is not used with --level national.") }
        if parsed != .national {
            guard let code, code.count == parsed.codeLength, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw ValidationError("--code must be a \(parsed.codeLength)-digit \(level) code for --level \(level).")
            }
        }
    }

    func run() async throws {
        let parsed = ResultLevel(rawValue: level)!
        let output = try await store.withStore { db in try await ResultsTally.read(db, level: parsed, code: code) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            FileHandle.standardOutput.write(try encoder.encode(output) + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(output.text.utf8))
        }
    }
}
