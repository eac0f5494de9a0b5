import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: LibraryStore {
    public func publishDocument(
        _ id: String, kind: LibraryDocument.Kind, _ version: DocumentVersion, by official: Official?
    ) async throws -> LibraryDocument {
        if let official { try official.require(.publishDocuments, on: .nation) }
        return try await engine.withTransaction { tx in
            let published = try await Self.documents(in: tx.sql, where: "WHERE d.id = \(bind: id)").first
            try LibraryDocument.requirePublishable(version, kind: kind, after: published)
            if published == nil {
                try await tx.sql.raw("INSERT INTO library_documents (id, kind) VALUES (\(bind: id), \(bind: kind.rawValue))").run()
            }
            var stored = version
            stored.number = (published?.current.number ?? 0) + 1
            try await tx.bulkInsert(
                into: "library_versions",
                columns: ["document_id", "number", "title_en", "title_km", "text_en", "text_km", "dated", "note", "published_at", "published_by"],
                rows: [[.text(id), .integer(stored.number), .text(stored.titleEnglish), .text(stored.titleKhmer), .text(stored.textEnglish),
                        .text(stored.textKhmer), .text(stored.dated.iso), .text(stored.note), .text(ISO8601.string(stored.publishedAt)),
                        official.map { .integer($0.id.rawValue) } ?? .null]])
            return LibraryDocument(id: id, kind: kind, versions: (published?.versions ?? []) + [stored])
        }
    }

    public func documents(kind: LibraryDocument.Kind?) async throws -> [LibraryDocument] {
        try await engine.read { db in
            try await Self.documents(in: db, where: kind.map { "WHERE d.kind = \(bind: $0.rawValue)" } ?? "")
        }.sorted { ($0.current.dated, $0.id) > ($1.current.dated, $1.id) }
    }

    public func document(_ id: String) async throws -> LibraryDocument {
        guard let document = try await engine.read({ db in try await Self.documents(in: db, where: "WHERE d.id = \(bind: id)") }).first else {
            throw StoreError.notFound("document", id)
        }
        return document
    }

    /// The documents the condition keeps, with their versions in order.
    private static func documents(in db: any SQLDatabase, where condition: SQLQueryString) async throws -> [LibraryDocument] {
        var documents: [String: LibraryDocument] = [:], order: [String] = []
        for row in try await db.raw("""
            SELECT d.id, d.kind, v.* FROM library_documents d JOIN library_versions v ON v.document_id = d.id \(condition)
            ORDER BY d.id, v.number
            """).all() {
            let id = try Rows.text(row, "id"), kindText = try Rows.text(row, "kind")
            guard let kind = LibraryDocument.Kind(rawValue: kindText) else { throw Rows.Malformed(column: "kind", value: kindText) }
            let at = try ISO8601.date(try Rows.text(row, "published_at"))
            let version = DocumentVersion(
                number: try row.decode(column: "number", as: Int.self), titleEnglish: try Rows.text(row, "title_en"),
                titleKhmer: try Rows.text(row, "title_km"), textEnglish: try Rows.text(row, "text_en"), textKhmer: try Rows.text(row, "text_km"),
                dated: try Rows.date(row, "dated"), note: try Rows.text(row, "note"), publishedAt: at)
            if documents[id] == nil { order.append(id) }
            documents[id, default: LibraryDocument(id: id, kind: kind, versions: [])].versions.append(version)
        }
        return order.compactMap { documents[$0] }
    }
}
