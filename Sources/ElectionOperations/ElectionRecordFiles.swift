import ElectionCore
import ElectionStore
import Foundation

/// Election records on disk: `sala election import` of a record bundle, and `sala election export`
/// of an election kept as a record.
public enum ElectionRecordFiles {
    /// Whether the bundle at `directory` is an election record rather than an election to administer.
    public static func isRecord(_ directory: String) throws -> Bool {
        // The manifest alone: an election bundle is tens of megabytes, read again by its import.
        let manifest = URL(fileURLWithPath: directory).appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: manifest) else { return false }
        return ElectionRecordBundle.isRecord(["manifest.json": data])
    }

    /// The record in the bundle at `directory`; throws ``ElectionBundle/Problems`` listing every problem.
    public static func check(_ directory: String) throws -> ElectionRecord {
        try ElectionRecordBundle.read(try ElectionBundleFiles.files(in: directory))
    }

    /// Keeps the record at `directory` in `store`, all or nothing; an id already kept is refused
    /// unless `replacing`.
    public static func keep(_ directory: String, in store: any ElectionRecordStore, replacing: Bool) async throws -> ElectionRecord {
        let record = try check(directory)
        do {
            try await store.keepElectionRecord(record, replacing: replacing, at: Date())
        } catch StoreError.duplicate(_, let id) {
            throw OperationRefusal("The database already keeps a record of '\(id)'; pass --replace to replace it.")
        }
        return record
    }

    /// Writes the kept record `id` as a record bundle into `directory`, which must not exist yet or be empty.
    public static func export(_ store: any ElectionRecordStore, id: String, to directory: String) async throws {
        let record = try await store.electionRecord(id)
        do {
            try ElectionBundleFiles.write(try ElectionRecordBundle.files(of: record), to: directory)
        } catch let problems as ElectionBundle.Problems {
            throw OperationRefusal("The record cannot be written as a bundle:\n\(problems)")
        }
    }
}
