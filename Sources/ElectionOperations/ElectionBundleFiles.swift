import ElectionCore
import ElectionStore
import ElectionStoreSQL
import Foundation

/// Election bundles on disk: `sala election export … --format bundle` and `sala election import`.
public enum ElectionBundleFiles {
    /// Writes the store's election `id` as a bundle into `directory`, which must not exist yet or be empty.
    public static func export(_ store: any ElectionLoading, id: String, to directory: String) async throws {
        let reference = try await ElectionExport.election(id, in: store)
        let files: [String: Data]
        do {
            files = try ElectionBundle.files(of: reference)
        } catch let problems as ElectionBundle.Problems {
            throw OperationRefusal("The election cannot be written as a bundle:\n\(problems)")
        }
        try write(files, to: directory)
    }

    /// Writes `files` (by path inside the bundle) into `directory`, which must not exist yet or be empty.
    static func write(_ files: [String: Data], to directory: String) throws {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: directory), !existing.isEmpty {
            throw OperationRefusal("\(directory) is not empty; give a new folder for the bundle.")
        }
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        for (path, data) in files {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard fm.createFile(atPath: url.path, contents: data) else { throw OperationRefusal("Cannot write \(url.path).") }
        }
    }

    /// The files of the bundle in `directory`, by their path inside it (the top level, `boundaries/`
    /// and, in a record, `missions/`).
    public static func files(in directory: String) throws -> [String: Data] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OperationRefusal("\(directory) is not a folder holding an election bundle.")
        }
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        var files: [String: Data] = [:]
        for folder in ["", "boundaries/", "missions/"] {
            for name in (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? [] {
                let path = folder + name
                var nested: ObjCBool = false
                guard fm.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &nested), !nested.boolValue else { continue }
                files[path] = try Data(contentsOf: root.appendingPathComponent(path))
            }
        }
        return files
    }

    /// The election in the bundle at `directory`; throws ``ElectionBundle/Problems`` listing every problem.
    public static func check(_ directory: String) throws -> ElectionReferenceData {
        try ElectionBundle.read(try files(in: directory))
    }

    /// Loads the bundle at `directory` into `store`, all or nothing; the register stays empty
    /// (`sala import voters` fills it).
    public static func load(_ directory: String, into store: any ElectionLoading) async throws -> ElectionReferenceData {
        let reference = try check(directory)
        try await store.loadElection(reference) { _ in }
        return reference
    }
}
