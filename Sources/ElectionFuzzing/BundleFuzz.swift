import ElectionCore
import Foundation

/// An election bundle and an election record bundle (`sala election import`), several files in
/// one input (``FuzzInput/files(_:)``): a bundle that reads is written again and must read back
/// the same; one that does not read names at least one problem.
enum BundleFuzz {
    static func run(_ bytes: [UInt8]) throws(FuzzFinding) {
        let files = FuzzInput.files(bytes).mapValues { Data($0) }
        _ = ElectionRecordBundle.isRecord(files)
        try readsBackOrNamesAProblem("an election bundle") {
            let election = try ElectionBundle.read(files)
            let written = try remade { () throws -> [String: Data] in try ElectionBundle.files(of: election) }
            let again = try remade { () throws -> [String: Data] in try ElectionBundle.files(of: try ElectionBundle.read(written)) }
            try require(again == written, "an election bundle written again differs in \(written.keys.filter { again[$0] != written[$0] }.sorted())")
        }
        try readsBackOrNamesAProblem("an election record") {
            let record = try ElectionRecordBundle.read(files)
            let written = try remade { () throws -> [String: Data] in try ElectionRecordBundle.files(of: record) }
            let again = try remade { () throws -> ElectionRecord in try ElectionRecordBundle.read(written) }
            try require(again == record, "an election record written again reads otherwise")
        }
    }

    /// Runs `check`; a bundle it refuses must name at least one problem, and anything else it
    /// throws is a finding.
    static func readsBackOrNamesAProblem(_ what: String, _ check: () throws -> Void) throws(FuzzFinding) {
        do {
            try check()
        } catch let problems as ElectionBundle.Problems {
            try require(!problems.all.isEmpty, "\(what) was refused without a problem")
            _ = problems.description
        } catch let finding as FuzzFinding {
            throw finding
        } catch {
            throw FuzzFinding("reading threw \(error)")
        }
    }

    /// What `make` returns from what was read and written again; its failing is a finding.
    static func remade<T>(_ make: () throws -> T) throws(FuzzFinding) -> T {
        do {
            return try make()
        } catch {
            throw FuzzFinding("what was read cannot be written and read again: \(error)")
        }
    }
}
