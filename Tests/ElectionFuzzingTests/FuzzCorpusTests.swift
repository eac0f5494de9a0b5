import ElectionCore
import ElectionFuzzing
import Foundation
import Testing

/// Every input of the fuzzers' checked-in corpus (`Corpus/<target>/`: the seeds `bench/fuzz`
/// starts from, and every input that once crashed a parser or broke an invariant, named
/// `crash-*`) run through the same functions the fuzzers run, so that a finding stays fixed.
@Suite struct FuzzCorpusTests {
    static func corpus(_ target: FuzzTarget) throws -> [URL] {
        let folder = try #require(Bundle.module.url(forResource: "Corpus", withExtension: nil)).appendingPathComponent(target.rawValue)
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyCorpusInputHolds(target: FuzzTarget) throws {
        let inputs = try Self.corpus(target)
        #expect(!inputs.isEmpty, "no seed for \(target.rawValue)")
        for input in inputs {
            #expect(throws: Never.self, "\(target.rawValue)/\(input.lastPathComponent)") {
                try target.run([UInt8](try Data(contentsOf: input)))
            }
        }
    }

    /// The seeds reach past the first refusal: the bundle seeds read whole, and the register seed
    /// holds a voter that is taken, so the fuzzers start from inputs that go all the way through.
    @Test func seedsGoAllTheWayThrough() throws {
        let bundles = try Self.corpus(.bundle)
        let election = try #require(bundles.first { $0.lastPathComponent == "election-bundle" })
        let record = try #require(bundles.first { $0.lastPathComponent == "record-bundle-2018" })
        _ = try ElectionBundle.read(try files(election))
        _ = try ElectionRecordBundle.read(try files(record))

        let register = try #require(try Self.corpus(.register).first { $0.lastPathComponent == "register.csv" })
        let lines = try String(contentsOf: register, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = try RegisterFile.Header(try RegisterFile.fields(of: ArraySlice(lines[0].utf8)).get())
        let eligibility = VoterEligibility(electionDay: CalendarDate(year: 2023, month: 7, day: 23)!, minimumAge: 18, citizenship: "KHM")
        let taken = lines.dropFirst().filter { line in
            guard case .success(let fields) = RegisterFile.fields(of: ArraySlice(line.utf8)), fields.count == header.width else { return false }
            return (try? eligibility.voter(from: header.positions.map { fields[$0] }, knownStation: { _ in true }).get()) != nil
        }
        #expect(!taken.isEmpty)
    }

    /// The files of a bundle seed, as the fuzzer cuts them.
    func files(_ url: URL) throws -> [String: Data] {
        FuzzInput.files([UInt8](try Data(contentsOf: url))).mapValues { Data($0) }
    }
}
