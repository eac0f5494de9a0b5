import ElectionCore
import ElectionStore
import Foundation

extension FileHandle {
    /// The text of `length` bytes at `offset`.
    func text(at offset: Int64, length: Int) throws -> String {
        try seek(toOffset: UInt64(offset))
        return String(decoding: try read(upToCount: length) ?? Data(), as: UTF8.self)
    }
}

/// What an import has done so far, updated by one batch at a time: the progress an import
/// records with each batch, so that a rerun resumes exactly.
public final class ImportLedger: @unchecked Sendable {
    public private(set) var progress: RegisterImport.Progress

    /// A ledger going on from `progress` (zero for a new import, the recorded progress for a resumed one).
    public init(_ progress: RegisterImport.Progress) { self.progress = progress }

    /// Adds a stored batch: its lines and bytes read, the voters added, known and refused, and the
    /// rejects file's size after it; returns the progress to record with the batch.
    public func add(batch: RegisterReader.Batch, outcome: VoterBatchOutcome, rejectsBytes: Int64) -> RegisterImport.Progress {
        progress.bytesRead = batch.endOffset
        progress.rows += batch.lines
        progress.added += outcome.added
        progress.alreadyRegistered += outcome.alreadyRegistered.count + batch.repeated
        progress.rejected += batch.rejectedLines + outcome.conflicts.count
        progress.rejectsBytes = rejectsBytes
        return progress
    }
}

/// The rejects file: `line,field,reason,text`, one line a rejected line of the register file.
/// Written by one task at a time.
public final class RejectsFile: @unchecked Sendable {
    private let handle: FileHandle
    /// Bytes written so far, header included.
    public private(set) var size: Int64

    /// Opens the file, keeping its first `keeping` bytes (what a resumed import had recorded) or,
    /// for a new import, starting it with its header.
    public init(path: String, keeping: Int64) throws {
        if keeping == 0 || !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: Data("line,field,reason,text\n".utf8))
        }
        guard let handle = FileHandle(forUpdatingAtPath: path) else { throw OperationRefusal("Cannot write \(path).") }
        self.handle = handle
        if keeping > 0 { try handle.truncate(atOffset: UInt64(keeping)) }
        size = Int64(try handle.seekToEnd())
    }

    /// Appends lines made by ``line(_:_:_:_:)``.
    public func append(_ text: String) throws {
        guard !text.isEmpty else { return }
        let data = Data(text.utf8)
        try handle.write(contentsOf: data)
        size += Int64(data.count)
    }

    /// Waits until what was appended is on disk.
    public func sync() throws { try handle.synchronize() }
    /// Closes the file; nothing is appended after.
    public func close() throws { try handle.close() }

    /// The rejects file's line for line `number` of the register file, refused on `field` for `reason`.
    public static func line(_ number: Int, _ field: String, _ reason: String, _ text: String) -> String {
        "\(number),\(field),\(RegisterFile.quoted(reason)),\(RegisterFile.quoted(text))\n"
    }
}

/// Reads a register file batch by batch from a byte offset, checking every line.
/// Read by one task at a time.
public final class RegisterReader: @unchecked Sendable {
    /// A checked line: the voter and where the line is in the file.
    public struct Row: Sendable, Equatable {
        public let voter: Voter
        public let lineNumber: Int
        public let start: Int64
        public let length: Int
    }

    /// Voters ready to store, and the lines refused on the way.
    public struct Batch: Sendable {
        public var voters: [Row] = []
        /// Lines of the rejects file for the lines refused.
        public var rejects = ""
        public var rejectedLines = 0
        /// Lines repeating, word for word, a line of the same batch.
        public var repeated = 0
        /// Lines read (blank lines included).
        public var lines = 0
        /// Offset just after the batch's last line.
        public var endOffset: Int64 = 0

        /// An empty batch, which the reader fills.
        public init() {}
    }

    private let input: FileHandle
    private let header: RegisterFile.Header
    private let eligibility: VoterEligibility
    private let knownStations: Set<StationCode>
    private let batchSize: Int
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    /// File offset of `buffer[bufferStart]`.
    private var offset: Int64
    /// Lines read so far: the number of the last line read.
    private var lineNumber: Int
    private var atEnd = false

    /// A reader of `input` from `offset`, where `linesRead` lines (the header is line 1) end; from
    /// offset 0 it skips the header. Each line is checked with `eligibility` against `knownStations`.
    public init(input: FileHandle, header: RegisterFile.Header, from offset: Int64, linesRead: Int,
         eligibility: VoterEligibility, knownStations: Set<StationCode>, batchSize: Int) throws {
        self.input = input
        self.header = header
        self.eligibility = eligibility
        self.knownStations = knownStations
        self.batchSize = batchSize
        self.lineNumber = linesRead
        if offset == 0 {
            // Skip the header line.
            try input.seek(toOffset: 0)
            self.offset = 0
            self.lineNumber = 0
            _ = try nextLine()
        } else {
            try input.seek(toOffset: UInt64(offset))
            self.offset = offset
        }
    }

    /// The next batch, or nil at the end of the file.
    public func nextBatch() throws -> Batch? {
        var batch = Batch()
        var seen: [Int: Int] = [:]   // voter number -> position in batch.voters
        while batch.voters.count < batchSize, let (line, start) = try nextLine() {
            batch.lines += 1
            let number = lineNumber
            if line.isEmpty { continue }
            func reject(_ field: String, _ reason: String) {
                batch.rejectedLines += 1
                batch.rejects += RejectsFile.line(number, field, reason, String(decoding: line, as: UTF8.self))
            }
            let fields: [String]
            switch RegisterFile.fields(of: line) {
            case .failure(let problem):
                reject("line", problem.reason)
                continue
            case .success(let found): fields = found
            }
            guard fields.count == header.width else {
                reject("line", "\(fields.count) fields, expected \(header.width)")
                continue
            }
            let ordered = header.positions.map { fields[$0] }
            switch eligibility.voter(from: ordered, knownStation: { knownStations.contains($0) }) {
            case .failure(let rejection):
                reject(rejection.field, rejection.reason)
            case .success(let voter):
                if let earlier = seen[voter.number.value] {
                    let first = batch.voters[earlier]
                    if first.voter == voter {
                        batch.repeated += 1
                    } else {
                        reject("voter_number", "also on line \(first.lineNumber) with other details")
                    }
                    continue
                }
                seen[voter.number.value] = batch.voters.count
                batch.voters.append(Row(voter: voter, lineNumber: number, start: start, length: line.count))
            }
        }
        batch.endOffset = offset
        return batch.lines == 0 ? nil : batch
    }

    /// The next line without its line break and its offset in the file (nil at the end), counting lines and bytes.
    private func nextLine() throws -> (ArraySlice<UInt8>, Int64)? {
        while true {
            let start = offset
            if let end = buffer[bufferStart...].firstIndex(of: 0x0A) {
                var line = buffer[bufferStart..<end]
                offset += Int64(end + 1 - bufferStart)
                bufferStart = end + 1
                lineNumber += 1
                if line.last == 0x0D { line = line.dropLast() }
                return (line, start)
            }
            if atEnd {
                guard bufferStart < buffer.count else { return nil }
                // A last line without a line break.
                var line = buffer[bufferStart...]
                offset += Int64(buffer.count - bufferStart)
                bufferStart = buffer.count
                lineNumber += 1
                if line.last == 0x0D { line = line.dropLast() }
                return (line, start)
            }
            buffer.removeFirst(bufferStart)
            bufferStart = 0
            if let chunk = try input.read(upToCount: 4 << 20), !chunk.isEmpty {
                buffer.append(contentsOf: chunk)
            } else {
                atEnd = true
            }
        }
    }
}
