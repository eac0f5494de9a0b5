import Crypto
import ElectionCore
import ElectionStore
import Foundation

/// Adds the voters of a register file (CSV, ``RegisterFile``) to the register. Each line is
/// checked (``VoterEligibility``); a line that fails goes to the rejects file with its line
/// number, the field and the reason, and the others are committed in batches. A voter already on
/// the register with the same details is not added again, so importing the same file twice adds
/// nothing; an interrupted import continues where its last batch ended.
public final class VoterImport: @unchecked Sendable {
    /// The register file's path.
    public let path: String
    /// The file's size in bytes.
    public let size: Int64
    /// The SHA-256 of the whole file: how a file is recognised when imported again.
    public let digest: String
    private let header: RegisterFile.Header
    /// Read by one import at a time.
    private let input: FileHandle

    /// What happens on the way, for the person watching.
    public enum Event: Sendable, Equatable {
        /// An interrupted import of the same file, started at `startedAt`, continues after line `afterLine`.
        case continuing(startedAt: Date, afterLine: Int)
        /// The file is larger than the register: its search indexes are built once at the end, so
        /// name searches are slow until the import ends.
        case searchIndexesDeferred
        /// The file's first `bytes` bytes are stored.
        case stored(bytes: Int64)
    }

    /// How an import ended.
    public enum Outcome: Sendable, Equatable {
        /// The file was imported in full before (at `finishedAt`), and not asked for again: nothing was done.
        case importedBefore(finishedAt: Date)
        /// Every line is read; the import's counts, from its first line (also before an interruption).
        case finished(RegisterImport.Progress)
    }

    /// Opens the register file and checks its header, before anything is written. Throws
    /// ``OperationRefusal`` for a file that cannot be read, ``RegisterFileError`` for an empty file
    /// or a wrong header.
    public init(path: String) throws {
        guard let input = FileHandle(forReadingAtPath: path) else { throw OperationRefusal("Cannot read \(path).") }
        self.path = path
        self.input = input
        size = Int64(try input.seekToEnd())
        try input.seek(toOffset: 0)
        guard size > 0 else { throw RegisterFileError.empty }
        header = try Self.readHeader(input)
        digest = try Self.sha256(of: input)
    }

    deinit { try? input.close() }

    /// Imports the file into `db`, `batchSize` voters a transaction, each batch's rejected lines
    /// appended to the file at `rejectsPath`; `again` imports a file that was imported in full
    /// before (e.g. after removals). `actor` is recorded as who imported it.
    public func run(
        into db: some ElectionStore & RegisterStore, rejectsPath: String, batchSize: Int, again: Bool, actor: String,
        events: @escaping @Sendable (Event) -> Void = { _ in }
    ) async throws -> Outcome {
        let election = try await db.election()
        let eligibility = VoterEligibility(
            electionDay: election.electionDay, minimumAge: election.minimumVotingAge, citizenship: election.citizenship)
        var record: RegisterImport
        if let earlier = try await db.registerImport(fileDigest: digest), earlier.finishedAt == nil || !again {
            if let finishedAt = earlier.finishedAt { return .importedBefore(finishedAt: finishedAt) }
            events(.continuing(startedAt: earlier.startedAt, afterLine: earlier.progress.rows + 1))
            record = earlier
        } else {
            record = try await db.startRegisterImport(
                fileName: URL(fileURLWithPath: path).lastPathComponent, fileDigest: digest, fileSize: size,
                actor: actor, at: Date())
            // A file larger than the register it goes into (a first load) is imported
            // without the search indexes, which are built once at the end.
            let registered = try await db.statistics(countingRegister: true).votersOnRegister ?? 0
            if size / Self.typicalLineBytes > Int64(registered) {
                events(.searchIndexesDeferred)
                try await db.deferRegisterIndexes(during: record.id)
            }
        }
        let rejectsFile = try RejectsFile(path: rejectsPath, keeping: record.progress.rejectsBytes)
        defer { try? rejectsFile.close() }
        let reader = try RegisterReader(
            input: input, header: header, from: record.progress.bytesRead, linesRead: 1 + record.progress.rows,
            eligibility: eligibility, knownStations: try await db.pollingStationCodes(), batchSize: batchSize)
        // The lines of conflicting voters are read again from the file, for the rejects file.
        guard let originals = FileHandle(forReadingAtPath: path) else { throw OperationRefusal("Cannot read \(path).") }
        defer { try? originals.close() }
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
                events(.stored(bytes: next.endOffset))
            }
        }
        try await writing?.value
        events(.stored(bytes: size))
        try await db.finishRegisterImport(id: importID, at: Date())
        return .finished(ledger.progress)
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
