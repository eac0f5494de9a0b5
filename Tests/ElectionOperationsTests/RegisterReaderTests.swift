import ElectionCore
import ElectionOperations
import ElectionStore
import Foundation
import Testing

/// The register file read batch by batch: each line checked, refused lines with their line
/// number, repeats inside a batch told apart from conflicts, and a reader started at a recorded
/// offset reading exactly what is left. The rejects file and the ledger an import records.
@Suite struct RegisterReaderTests {
    static let station: StationCode = "010201001"
    static let eligibility = VoterEligibility(
        electionDay: CalendarDate(year: 2023, month: 7, day: 23)!, minimumAge: 18, citizenship: "KHM")

    static func line(_ serial: Int, latin: String = "Sok Dara", born: String = "1990-02-03", station: String = station.rawValue) -> String {
        "\(VoterNumber(serial: serial)),សុខ ដារ៉ា,\(latin),F,\(born),\(station),KHM,\n"
    }

    /// A register file in a temporary directory, and a handle reading it.
    static func file(_ text: String) throws -> (path: String, handle: FileHandle) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sala-register-\(UUID().uuidString).csv").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return (path, try #require(FileHandle(forReadingAtPath: path)))
    }

    static func reader(_ handle: FileHandle, from offset: Int64 = 0, linesRead: Int = 1, batchSize: Int) throws -> RegisterReader {
        try RegisterReader(
            input: handle, header: try RegisterFile.Header(RegisterFile.columns), from: offset, linesRead: linesRead,
            eligibility: eligibility, knownStations: [station], batchSize: batchSize)
    }

    /// Line 1 the header, then: 2 good, 3 unknown station, 4 good, 5 blank, 6 the same as 2,
    /// 7 the number of 4 with another name, 8 too young, 9 good (CRLF), 10 good without a line break.
    static let text = RegisterFile.headerLine + "\n"
        + line(1) + line(2, station: "999999999") + line(3) + "\n" + line(1) + line(3, latin: "Chan Dara")
        + line(4, born: "2010-01-01") + line(5).replacingOccurrences(of: "\n", with: "\r\n") + line(6).dropLast()

    @Test func everyLineIsCheckedAndRefusedLinesKeepTheirNumbers() throws {
        let (_, handle) = try Self.file(Self.text)
        let reader = try Self.reader(handle, batchSize: 100)
        let batch = try #require(try reader.nextBatch())
        #expect(batch.voters.map(\.lineNumber) == [2, 4, 9, 10])
        #expect(batch.voters.map(\.voter.number) == [1, 3, 5, 6].map { VoterNumber(serial: $0) })
        #expect(batch.voters[2].voter.name.latin == "Sok Dara", "the CR of a CRLF line is not part of the last field")
        #expect(batch.lines == 9)
        #expect(batch.repeated == 1)
        #expect(batch.rejectedLines == 3)
        let rejects = batch.rejects.split(separator: "\n").map { $0.split(separator: ",").prefix(2).joined(separator: ",") }
        #expect(rejects == ["3,station_code", "7,voter_number", "8,date_of_birth"])
        #expect(batch.rejects.contains("also on line 4 with other details"))
        #expect(batch.endOffset == Int64(Self.text.utf8.count))
        #expect(try reader.nextBatch() == nil)

        // Where a row is in the file is where its line is: what the rejects file quotes for a conflict.
        let row = batch.voters[1]
        try handle.seek(toOffset: UInt64(row.start))
        let original = String(decoding: try #require(try handle.read(upToCount: row.length)), as: UTF8.self)
        #expect(original + "\n" == Self.line(3))
    }

    @Test func aReaderStartedAtABatchsEndReadsWhatIsLeftWithTheSameLineNumbers() throws {
        let (_, whole) = try Self.file(Self.text)
        var batches: [RegisterReader.Batch] = []
        let reader = try Self.reader(whole, batchSize: 2)
        while let batch = try reader.nextBatch() { batches.append(batch) }
        #expect(batches.map { $0.voters.count } == [2, 2, 2], "a repeat in another batch is left to the store")
        #expect(batches.map(\.lines).reduce(0, +) == 9)

        // As an interrupted import resumes: from the first batch's end, with the lines it had read.
        let (_, resumed) = try Self.file(Self.text)
        let rest = try Self.reader(resumed, from: batches[0].endOffset, linesRead: 1 + batches[0].lines, batchSize: 2)
        let next = try #require(try rest.nextBatch())
        #expect(next.voters == batches[1].voters)
        #expect(next.rejects == batches[1].rejects)
        #expect(next.endOffset == batches[1].endOffset)
    }

    @Test func theRejectsFileStartsWithItsHeaderAndAResumedOneDropsWhatWasNotRecorded() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sala-rejects-\(UUID().uuidString).csv").path
        let first = try RejectsFile(path: path, keeping: 0)
        try first.append(RejectsFile.line(3, "station_code", "no such station, \"999999999\"", "a,b"))
        let recorded = first.size
        try first.append(RejectsFile.line(7, "voter_number", "not recorded", "x"))
        try first.close()

        let resumed = try RejectsFile(path: path, keeping: recorded)
        #expect(resumed.size == recorded)
        try resumed.append(RejectsFile.line(8, "date_of_birth", "too young", "y"))
        try resumed.close()
        let expected = [
            "line,field,reason,text",
            #"3,station_code,"no such station, ""999999999""","a,b""#,
            "8,date_of_birth,too young,y",
        ]
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected.map { $0 + "\n" }.joined())

        // A new import of another file starts the rejects file again.
        let fresh = try RejectsFile(path: path, keeping: 0)
        try fresh.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "line,field,reason,text\n")
    }

    @Test func theLedgerCountsEachBatchOnFromWhatWasRecorded() {
        var batch = RegisterReader.Batch()
        batch.lines = 10
        batch.rejectedLines = 2
        batch.repeated = 1
        batch.endOffset = 900
        let outcome = VoterBatchOutcome(
            added: 5, alreadyRegistered: [3, 4],
            conflicts: [.init(position: 6, registered: Voter(
                number: VoterNumber(serial: 1), name: PersonName(khmer: "ចាន់", latin: "Chan"), sex: .male,
                dateOfBirth: CalendarDate(year: 1980, month: 1, day: 1)!, stationCode: Self.station))])
        let recorded = RegisterImport.Progress(bytesRead: 500, rows: 20, added: 15, alreadyRegistered: 1, rejected: 4, rejectsBytes: 120)
        let ledger = ImportLedger(recorded)
        let progress = ledger.add(batch: batch, outcome: outcome, rejectsBytes: 200)
        #expect(progress == RegisterImport.Progress(
            bytesRead: 900, rows: 30, added: 20, alreadyRegistered: 1 + 2 + 1, rejected: 4 + 2 + 1, rejectsBytes: 200))
        #expect(ledger.progress == progress)
    }
}
