import ElectionCore
import ElectionStore
import Foundation

/// The whole register as a register file (``RegisterFile``): what `sala export voters` writes
/// and ``VoterImport`` reads back.
public enum RegisterExport {
    /// Hands `write` the header line, then the register's lines in voter-number order, a page of
    /// `pageSize` voters at a time, so that a register of millions is never held whole.
    public static func write(
        from db: some ElectionStore, pageSize: Int = 50_000, to write: (String) throws -> Void
    ) async throws {
        try write(RegisterFile.headerLine + "\n")
        let citizenship = try await db.election().citizenship
        var last: VoterNumber?
        while true {
            let page = try await db.voters(after: last, limit: pageSize)
            guard let end = page.last else { break }
            var text = ""
            for v in page { text += RegisterFile.line(of: v, citizenship: citizenship) }
            try write(text)
            last = end.number
        }
    }
}
