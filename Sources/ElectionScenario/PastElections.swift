import ElectionCore
import ElectionStore
import Foundation

/// The elections before the reference one, bundled as election records transcribed from the
/// published facts (`Resources/<id>/`, a record bundle as `docs/election-bundle.md` describes).
public enum PastElections {
    /// The records bundled with Sala.
    public static let ids = ["cambodia-2018"]

    /// The record bundle's files for `id`, by path inside the bundle.
    public static func files(_ id: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in ["manifest.json"] + ElectionRecordBundle.tables.map(\.file) {
            guard let url = Bundle.module.url(forResource: "\(id)/\(name)", withExtension: nil) else {
                throw ReferenceFacts.Unreadable(file: "\(id)/\(name)", reason: "missing from the bundle")
            }
            files[name] = try Data(contentsOf: url)
        }
        return files
    }

    /// Every bundled record, read through the importer's reader.
    public static func records() throws -> [ElectionRecord] {
        try ids.map { try ElectionRecordBundle.read(try files($0)) }
    }

    /// Keeps every bundled record in `store`, as the scenario's database holds them.
    public static func keep(in store: any ElectionRecordStore, at time: Date) async throws {
        for record in try records() {
            try await store.keepElectionRecord(record, replacing: false, at: time)
        }
    }
}
