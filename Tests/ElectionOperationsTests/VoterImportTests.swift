import ElectionCore
import ElectionOperations
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// A register file imported into a copy of the test database, without the `sala` executable:
/// what is new is added, a known voter is counted and not added, a conflict and a bad line go to
/// the rejects file, and the same file again is recognised.
@Suite struct VoterImportTests {
    @Test func aSmallFileAddsTheNewVoterAndRejectsTheRest() async throws {
        let store = try await TestDatabases.writableSQLite()
        let registered = try await TestDatabases.register()
        let known = registered[0]
        var conflicting = registered[1]
        conflicting.name = PersonName(khmer: "ចាន់ សុភា", latin: "Chan Sophea")
        let new = Voter(
            number: VoterNumber(serial: 800_000_001), name: PersonName(khmer: "សុខ ដារ៉ា", latin: "Sok Dara"), sex: .female,
            dateOfBirth: CalendarDate(year: 1990, month: 2, day: 3)!, stationCode: known.stationCode)
        let lines = [known, conflicting, new].map { RegisterFile.line(of: $0, citizenship: "KHM") }
            + ["\(VoterNumber(serial: 800_000_002)),សុខ,Sok,F\n"]
        let directory = try TestDatabases.temporaryDirectory()
        let path = directory.appendingPathComponent("register.csv").path
        _ = FileManager.default.createFile(atPath: path, contents: Data((RegisterFile.headerLine + "\n" + lines.joined()).utf8))
        let rejects = directory.appendingPathComponent("rejects.csv").path

        let events = Events()
        let outcome = try await VoterImport(path: path).run(
            into: store, rejectsPath: rejects, batchSize: 2, again: false, actor: "test") { events.append($0) }
        #expect(outcome == .finished(RegisterImport.Progress(
            bytesRead: Int64(try Data(contentsOf: URL(fileURLWithPath: path)).count), rows: 4, added: 1, alreadyRegistered: 1,
            rejected: 2, rejectsBytes: Int64(try Data(contentsOf: URL(fileURLWithPath: rejects)).count))))
        #expect(try await store.voter(new.number) == new)
        #expect(try await store.voter(conflicting.number) == registered[1], "a conflict changes nothing")
        let rejected = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
        #expect(rejected.count == 3)
        #expect(rejected[1].hasPrefix("3,voter_number,\"already on the register with other details (\(registered[1].name.latin)"))
        #expect(rejected[1].hasSuffix(RegisterFile.quoted(String(lines[1].dropLast()))), "the conflicting line as it was in the file")
        #expect(rejected[2].hasPrefix(#"5,line,"4 fields, expected 8","#))
        // The file is smaller than the register, so the search indexes stay; the last event is the whole file.
        #expect(!events.all.contains(.searchIndexesDeferred))
        #expect(events.all.last == .stored(bytes: Int64(try Data(contentsOf: URL(fileURLWithPath: path)).count)))

        let again = try await VoterImport(path: path).run(into: store, rejectsPath: rejects, batchSize: 2, again: false, actor: "test")
        guard case .importedBefore = again else {
            Issue.record("the same file again is imported again: \(again)")
            return
        }
        try await store.close()
    }

    @Test func anEmptyOrUnreadableFileIsRefusedBeforeAnyStore() throws {
        let directory = try TestDatabases.temporaryDirectory()
        let empty = directory.appendingPathComponent("empty.csv").path
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: RegisterFileError.empty) { try VoterImport(path: empty) }
        let missing = directory.appendingPathComponent("missing.csv").path
        #expect(throws: OperationRefusal("Cannot read \(missing).")) { try VoterImport(path: missing) }
        let wrongHeader = directory.appendingPathComponent("wrong.csv").path
        _ = FileManager.default.createFile(atPath: wrongHeader, contents: Data("voter_number,name\n".utf8))
        #expect(throws: RegisterFileError.unknownColumn("name")) { try VoterImport(path: wrongHeader) }
    }
}

/// The events an import reports, kept in order.
final class Events: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [VoterImport.Event] = []
    var all: [VoterImport.Event] { lock.withLock { events } }
    func append(_ event: VoterImport.Event) { lock.withLock { events.append(event) } }
}
