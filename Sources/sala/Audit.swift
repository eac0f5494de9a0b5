import ArgumentParser
import ElectionStore
import ElectionStoreSQL
import Foundation

/// `sala audit`: the tamper-evident log of changes to results, accounts and the register.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The audit chain: every change to results, accounts and the register, each entry sealed with the hash of the one before.",
        subcommands: [VerifyChain.self])

    struct VerifyChain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Walk the audit chain and say where it does not hold: an entry edited, removed or out of order.",
            discussion: """
                Prints the chain's length and its head. Keep the head somewhere the database's administrators \
                cannot change (a printed record, another organisation): a chain rewritten from some entry onwards \
                holds together, but its head is then another. Exit status 0 when the chain holds, 1 when it does not.
                """)
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let verdict = try await store.withStore { db in try await db.verifyAuditChain() }
            announce("\(verdict.entries) entries; head \(verdict.head)\(verdict.unsealed > 0 ? "; \(verdict.unsealed) changes not sealed yet" : "").")
            guard !verdict.holds else {
                announce("The audit chain holds.")
                return
            }
            for problem in verdict.problems {
                let what = switch problem.kind {
                case .edited: "was changed after it was sealed"
                case .removed: "is missing: it was removed"
                case .outOfOrder: "does not follow the entry before it: moved, or an entry before it was removed or rewritten"
                }
                announce("Entry \(problem.position) \(what).")
            }
            throw ExitCode(1)
        }
    }
}
