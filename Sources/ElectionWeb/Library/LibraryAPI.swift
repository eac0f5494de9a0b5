import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The library in the JSON API: anyone reads it; the NEC publishes (machine token).
struct LibraryAPI: Sendable {
    let store: any PortalStore

    func addPublicRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("library") { request, _ in
            let kind = try Input.documentKind(Input.query(of: request)["kind"])
            return try APIJSON.response(try await store.documents(kind: kind))
        }
        router.get("library/:id") { _, context in
            try APIJSON.response(try await store.document(context.parameters.get("id") ?? ""))
        }
    }

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.post("library") { request, context in
            let official = try context.requireMachine()
            try official.require(.publishDocuments, on: .nation)
            let fields = try await APIJSON.decode(LibraryInput.Fields.self, from: request, limit: LibraryPages.bodyLimit)
            let (id, kind, version) = try LibraryInput.version(fields, at: Date())
            return try APIJSON.response(try await store.publishDocument(id, kind: kind, version, by: official), status: .created)
        }
    }
}
