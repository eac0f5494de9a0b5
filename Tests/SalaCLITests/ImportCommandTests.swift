import ElectionCore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// `sala import voters` end to end: the exported register comes back whole, bad lines go to the
/// rejects file with their line number and reason, a second run adds nothing, and an import
/// killed half-way finishes where it stopped.
@Suite(.serialized) struct ImportCommandTests {
    /// A scenario database like the test one, with stations but no register.
    static func emptyRegister(_ directory: URL) throws -> String {
        let db = directory.appendingPathComponent("empty.sqlite").path
        let built = try SalaCommand.run([
            "scenario", "cambodia-2023", "--db", db, "--voters", String(TestDatabases.testVoters),
            "--seed", String(TestDatabases.seed), "--without-register"])
        #expect(built.status == 0, "\(built.error)")
        return db
    }

    /// The test register, exported by `sala export voters`.
    static func exported(_ directory: URL) async throws -> URL {
        let csv = directory.appendingPathComponent("register.csv")
        let run = try SalaCommand.run(["export", "voters", "--db", try await TestDatabases.sqlitePath(), "--out", csv.path])
        #expect(run.status == 0, "\(run.error)")
        return csv
    }

    static func voterCount(_ db: String) async throws -> Int {
        let store = try await SQLElectionStore.openSQLite(path: db)
        let count = try await store.statistics(countingRegister: true).votersOnRegister ?? -1
        try await store.close()
        return count
    }

    @Test func theExportedRegisterImportsWholeAndOnlyOnce() async throws {
        let dir = try TestDatabases.temporaryDirectory()
        let db = try Self.emptyRegister(dir)
        let csv = try await Self.exported(dir)
        let first = try SalaCommand.run(["import", "voters", csv.path, "--db", db, "--batch", "700"])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("3,000 lines read: 3,000 voters added, 0 already on the register, 0 rejected"))
        #expect(try await Self.voterCount(db) == TestDatabases.testVoters)

        let store = try await SQLElectionStore.openSQLite(path: db)
        for voter in try await TestDatabases.register().prefix(50) {
            #expect(try await store.voter(voter.number) == voter)
        }
        try await store.close()

        let again = try SalaCommand.run(["import", "voters", csv.path, "--db", db])
        #expect(again.status == 0)
        #expect(again.output.contains("nothing to do"))
        let forced = try SalaCommand.run(["import", "voters", csv.path, "--db", db, "--again"])
        #expect(forced.output.contains("0 voters added, 3,000 already on the register, 0 rejected"), "\(forced.output)")
        #expect(try await Self.voterCount(db) == TestDatabases.testVoters)
    }

    @Test func badLinesAreRejectedWithTheirLineNumberAndTheRestIsImported() async throws {
        let dir = try TestDatabases.temporaryDirectory()
        let db = try Self.emptyRegister(dir)
        let good = try await TestDatabases.register().prefix(4).map { RegisterFile.line(of: $0, citizenship: "KHM") }
        let station = try await TestDatabases.register()[0].stationCode.rawValue
        func line(_ serial: Int, born: String = "1990-02-03", station: String = station, tail: String = "KHM,") -> String {
            "\(VoterNumber(serial: serial)),សុខ ដារ៉ា,Sok Dara,F,\(born),\(station),\(tail)\n"
        }
        var file = Data((RegisterFile.headerLine + "\r\n").utf8)
        file += Data(good[0].utf8)                                              // line 2
        file += Data("\(VoterNumber(serial: 800_000_001)),\"សុខ,Sok,F,1990-01-01,\(station),KHM,\n".utf8) // 3: open quote
        file += Data("\(VoterNumber(serial: 800_000_002)),".utf8) + Data([0xFF, 0xFE]) + Data(",Sok,F,1990-01-01,\(station),KHM,\n".utf8) // 4
        file += Data(line(800_000_003, born: "1990-02-30").utf8)               // 5: no such day
        file += Data(line(800_000_004, born: "2010-01-01").utf8)               // 6: too young
        file += Data(line(800_000_005, station: "999999999").utf8)             // 7: unknown station
        file += Data(line(800_000_006, tail: "THA,").utf8)                      // 8: citizenship
        file += Data(line(800_000_007, tail: "KHM,court order 12/2022").utf8)   // 9: disqualified
        file += Data("\(VoterNumber(serial: 800_000_008)),សុខ,Sok,F\n".utf8)     // 10: too few fields
        file += Data("1000000000,សុខ,Sok,F,1990-01-01,\(station),KHM,\n".utf8) // 11: check digit
        file += Data(good[1].utf8)                                              // 12
        file += Data(good[1].replacingOccurrences(of: ",KHM,", with: ",khm,").utf8) // 13: same voter again, same details
        file += Data(line(800_000_009).utf8)                                    // 14
        file += Data(line(800_000_009, born: "1991-02-03").utf8)               // 15: same number, other details
        file += Data("\n".utf8)                                                 // 16: blank
        file += Data(good[2].dropLast().utf8)                                   // 17: no final line break
        let csv = dir.appendingPathComponent("bad.csv")
        try file.write(to: csv)

        let run = try SalaCommand.run(["import", "voters", csv.path, "--db", db])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("16 lines read: 4 voters added, 1 already on the register, 10 rejected"), "\(run.output)")
        let rejects = try String(contentsOf: URL(fileURLWithPath: csv.path + ".rejects.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", maxSplits: 2).prefix(2).joined(separator: ",") }
        #expect(rejects == [
            "3,line", "4,line", "5,date_of_birth", "6,date_of_birth", "7,station_code", "8,citizenship", "9,disqualification",
            "10,line", "11,voter_number", "15,voter_number",
        ])
        #expect(try await Self.voterCount(db) == 4)
    }

    @Test func anEmptyFileOrAWrongHeaderImportsNothing() async throws {
        let dir = try TestDatabases.temporaryDirectory()
        let db = try Self.emptyRegister(dir)
        let empty = dir.appendingPathComponent("empty.csv")
        try Data().write(to: empty)
        let none = try SalaCommand.run(["import", "voters", empty.path, "--db", db])
        #expect(none.status != 0)
        #expect(none.error.contains("The file is empty"))
        let wrong = dir.appendingPathComponent("wrong.csv")
        try Data("voter_number,name,sex\n1000000008,Sok,F\n".utf8).write(to: wrong)
        let header = try SalaCommand.run(["import", "voters", wrong.path, "--db", db])
        #expect(header.status != 0)
        #expect(header.error.contains("unknown column 'name'"))
        #expect(try await Self.voterCount(db) == 0)
        #expect(!FileManager.default.fileExists(atPath: wrong.path + ".rejects.csv"))
    }

    @Test func anInterruptedImportContinuesWhereItStopped() async throws {
        let dir = try TestDatabases.temporaryDirectory()
        let db = try Self.emptyRegister(dir)
        let csv = try await Self.exported(dir)
        // Small batches, so there is time to stop it half-way.
        let process = Process()
        process.executableURL = SalaCommand.executable
        process.arguments = ["import", "voters", csv.path, "--db", db, "--batch", "5"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        while process.isRunning, !(seen.contains(" 10% ") || seen.contains(" 20% ")) {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        let stoppedWhileRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let before = try await Self.voterCount(db)
        if stoppedWhileRunning {
            #expect(before < TestDatabases.testVoters)
        }

        let resumed = try SalaCommand.run(["import", "voters", csv.path, "--db", db, "--batch", "500"])
        #expect(resumed.status == 0, "\(resumed.error)")
        if stoppedWhileRunning && before > 0 {
            #expect(resumed.output.contains("Continuing the import"))
        }
        // Every voter once, none counted twice: the resumed run started at the last committed batch.
        #expect(resumed.output.contains("3,000 lines read: 3,000 voters added, 0 already on the register, 0 rejected"), "\(resumed.output)")
        #expect(try await Self.voterCount(db) == TestDatabases.testVoters)
    }
}
