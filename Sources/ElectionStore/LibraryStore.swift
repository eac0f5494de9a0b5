import ElectionCore
import Foundation

/// The NEC's public library: documents in Khmer and English, each with its versions.
public protocol LibraryStore: Sendable {
    /// Publishes `version` of the document `id` (its first, or the next after the newest),
    /// asking `publish-documents` of `official` (nil for a load from the command line or the
    /// scenario) and ``LibraryDocument/requirePublishable(_:kind:after:)``; the version's number is
    /// the store's to give. Returns the document as now stored.
    func publishDocument(_ id: String, kind: LibraryDocument.Kind, _ version: DocumentVersion, by official: Official?) async throws -> LibraryDocument
    /// Every document with its versions, optionally of one kind, newest dated first.
    func documents(kind: LibraryDocument.Kind?) async throws -> [LibraryDocument]
    /// One document with its versions; ``StoreError/notFound(_:_:)`` when there is none.
    func document(_ id: String) async throws -> LibraryDocument
}
