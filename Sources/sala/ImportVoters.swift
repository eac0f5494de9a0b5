import ArgumentParser
import Crypto
import ElectionCore
import ElectionStore
import Foundation

/// `sala import`: data into Sala from plain formats.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data.", subcommands: [Voters.self])

    struct Voters: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the voters of a register file (CSV) to the register.",
            discussion: """
                Columns (header line required, any order): \(RegisterFile.headerLine). \
                Each line is checked: a well-formed voter number and date of birth, 18 or older on \
                election day, the election's citizenship, no disqualification, a known polling station. \
                A line that fails goes to the rejects file with its line number, the field and the \
                reason; the others are committed in batches. A voter already on the register with the \
                same details is not added again, so running the same file twice adds nothing; an \
                interrupted import continues where its last batch ended when run again.
                """)

        @Argument(help: "The register file (CSV, UTF-8).") var file: String
        @OptionGroup var store: StoreOptions
        @Option(help: "Where rejected lines go (default: FILE.rejects.csv).") var rejects: String?
        @Option(help: "Voters committed together.") var batch = 20_000
        @Flag(help: "Import a file that was imported in full before (e.g. after removals).") var again = false

        func validate() throws {
            guard (1...1_000_000).contains(batch) else { throw ValidationError("--batch must be between 1 and 1,000,000.") }
        }

        func run() async throws {
            let source = URL(fileURLWithPath: file)
            guard let input = FileHandle(forReadingAtPath: file) else { throw ValidationError("Cannot read \(file).") }
            defer { try? input.close() }
            let size = Int64(try input.seekToEnd())
            try input.seek(toOffset: 0)
            guard size > 0 else { throw RegisterFileError.empty }
            let header = try Self.readHeader(input)
            let digest = try Self.sha256(of: input)
            let rejectsPath = rejects ?? file + ".rejects.csv"

            let outcome: RegisterImport.Progress? = try await store.withStore(defaultPath: nil) { db in
                let election = try await db.election()
                let eligibility = VoterEligibility(
                    electionDay: election.electionDay, minimumAge: election.minimumVotingAge, citizenship: election.citizenship)
                var record: RegisterImport
                if let earlier = try await db.registerImport(fileDigest: digest), earlier.finishedAt == nil || !again {
                    if earlier.finishedAt != nil {
                        announce("\(file) was imported in full on \(earlier.finishedAt!.formatted(.iso8601)): nothing to do (--again imports it again).")
                        return nil
                    }
                    announce("Continuing the import of \(file) started on \(earlier.startedAt.formatted(.iso8601)), after line \(Numerals.grouped(earlier.progress.rows + 1)).")
                    record = earlier
                } else {
                    record = try await db.startRegisterImport(
                        fileName: source.lastPathComponent, fileDigest: digest, fileSize: size,
                        actor: ProcessInfo.processInfo.environment["USER"] ?? "sala", at: Date())
                    // A file larger than the register it goes into (a first load) is imported
                    // without the search indexes, which are built once at the end.
                    let registered = try await db.statistics(countingRegister: true).votersOnRegister ?? 0
                    if size / Self.typicalLineBytes > Int64(registered) {
                        announce("The file is larger than the register: name searches are slow until the import ends.")
                        try await db.deferRegisterIndexes(during: record.id)
                    }
                }
                let rejectsFile = try RejectsFile(path: rejectsPath, keeping: record.progress.rejectsBytes)
                defer { try? rejectsFile.close() }
                let reader = try RegisterReader(
                    input: input, header: header, from: record.progress.bytesRead, linesRead: 1 + record.progress.rows,
                    eligibility: eligibility, knownStations: try await db.pollingStationCodes(), batchSize: batch)
                // The lines of conflicting voters are read again from the file, for the rejects file.
                guard let originals = FileHandle(forReadingAtPath: file) else { throw ValidationError("Cannot read \(file).") }
                defer { try? originals.close() }
                let progressBar = ProgressBar(label: "Importing", total: Int(size), counting: .bytes)
                let ledger = ImportLedger(record.progress)
                let importID = record.id
                // The next batch is read, checked and given its name keys while the previous one is written.
                var writing: Task<Void, any Error>?
                while let next = try await reader.nextBatch() {
                    let entries = await RegisterEntry.entries(of: next.voters.map(\.voter))
                    try await writing?.value
                    writing = Task {
                        try rejectsFile.append(next.rejects)
                        _ = try await db.importVoters(entries, into: importID) { outcome in
                            var lines = ""
                            for conflict in outcome.conflicts {
                                let row = next.voters[conflict.position]
                                let registered = conflict.registered
                                lines += RejectsFile.line(row.lineNumber, "voter_number",
                                    "already on the register with other details (\(registered.name.latin), born \(registered.dateOfBirth.iso), station \(registered.stationCode))",
                                    try originals.text(at: row.start, length: row.length))
                            }
                            try rejectsFile.append(lines)
                            try rejectsFile.sync()
                            return ledger.add(batch: next, outcome: outcome, rejectsBytes: rejectsFile.size)
                        }
                        progressBar.update(Int(next.endOffset))
                    }
                }
                try await writing?.value
                progressBar.update(Int(size))
                try await db.finishRegisterImport(id: importID, at: Date())
                return ledger.progress
            }
            guard let summary = outcome else { return }
            announce("""
                \(Numerals.grouped(summary.rows)) lines read: \(Numerals.grouped(summary.added)) voters added, \
                \(Numerals.grouped(summary.alreadyRegistered)) already on the register, \(Numerals.grouped(summary.rejected)) rejected\
                \(summary.rejected > 0 ? " (see \(rejectsPath))" : "").
                """)
        }

        /// About the length of a register line, for guessing how many voters a file holds.
        static let typicalLineBytes: Int64 = 85

        /// Reads and checks the header line, before anything is written.
        static func readHeader(_ input: FileHandle) throws -> RegisterFile.Header {
            var line: [UInt8] = []
            while let chunk = try input.read(upToCount: 4096), !chunk.isEmpty {
                if let end = chunk.firstIndex(of: 0x0A) {
                    line += chunk[chunk.startIndex..<end]
                    break
                }
                line += chunk
                guard line.count < 1 << 16 else { break }
            }
            if line.last == 0x0D { line.removeLast() }
            switch RegisterFile.fields(of: line[...]) {
            case .failure(let problem): throw RegisterFileError.unreadableHeader(problem)
            case .success(let fields): return try RegisterFile.Header(fields)
            }
        }

        /// The SHA-256 of the whole file: how a file is recognised when imported again.
        static func sha256(of input: FileHandle) throws -> String {
            try input.seek(toOffset: 0)
            var hasher = SHA256()
            while let chunk = try input.read(upToCount: 8 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
            return hasher.finalize().map { String(format: "%02x", $0) }.joined()
        }
    }
}

extension FileHandle {
    /// The text of `length` bytes at `offset`.
    func text(at offset: Int64, length: Int) throws -> String {
        try seek(toOffset: UInt64(offset))
        return String(decoding: try read(upToCount: length) ?? Data(), as: UTF8.self)
    }
}

/// What an import has done so far, updated by one batch at a time.
final class ImportLedger: @unchecked Sendable {
    private(set) var progress: RegisterImport.Progress

    init(_ progress: RegisterImport.Progress) { self.progress = progress }

    func add(batch: RegisterReader.Batch, outcome: VoterBatchOutcome, rejectsBytes: Int64) -> RegisterImport.Progress {
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
final class RejectsFile: @unchecked Sendable {
    private let handle: FileHandle
    private(set) var size: Int64

    /// Opens the file, keeping its first `keeping` bytes (what a resumed import had recorded) or,
    /// for a new import, starting it with its header.
    init(path: String, keeping: Int64) throws {
        if keeping == 0 || !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: Data("line,field,reason,text\n".utf8))
        }
        guard let handle = FileHandle(forUpdatingAtPath: path) else { throw ValidationError("Cannot write \(path).") }
        self.handle = handle
        if keeping > 0 { try handle.truncate(atOffset: UInt64(keeping)) }
        size = Int64(try handle.seekToEnd())
    }

    func append(_ text: String) throws {
        guard !text.isEmpty else { return }
        let data = Data(text.utf8)
        try handle.write(contentsOf: data)
        size += Int64(data.count)
    }

    func sync() throws { try handle.synchronize() }
    func close() throws { try handle.close() }

    static func line(_ number: Int, _ field: String, _ reason: String, _ text: String) -> String {
        "\(number),\(field),\(RegisterFile.quoted(reason)),\(RegisterFile.quoted(text))\n"
    }
}

/// Reads a register file batch by batch from a byte offset, checking every line.
final class RegisterReader: @unchecked Sendable {
    /// A checked line: the voter and where the line is in the file.
    struct Row: Sendable {
        let voter: Voter
        let lineNumber: Int
        let start: Int64
        let length: Int
    }

    /// Voters ready to store, and the lines refused on the way.
    struct Batch: Sendable {
        var voters: [Row] = []
        /// Lines of the rejects file for the lines refused.
        var rejects = ""
        var rejectedLines = 0
        /// Lines repeating, word for word, a line of the same batch.
        var repeated = 0
        /// Lines read (blank lines included).
        var lines = 0
        /// Offset just after the batch's last line.
        var endOffset: Int64 = 0
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

    /// `linesRead` lines (the header is line 1) end at `offset`.
    init(input: FileHandle, header: RegisterFile.Header, from offset: Int64, linesRead: Int,
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
    func nextBatch() throws -> Batch? {
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
