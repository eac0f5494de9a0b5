import ElectionStoreSQL
import ElectionTestSupport
import ElectionWeb
import Hummingbird
import HummingbirdTesting
import NIOCore

/// The portal over the shared SQLite test database, exercised without a socket.
enum PortalTestApp {
    static func run(
        registrationChecks: LookupShares? = nil, clock: PortalClock = .system, _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let store = try await TestDatabases.sqlite()
        do {
            let app = Application(
                router: try await PortalApplication.router(store: store, registrationChecks: registrationChecks, clock: clock))
            try await app.test(.router, body)
        } catch {
            // Closed on every path: SQLite stops the whole test process on a connection left open.
            try await store.close()
            throw error
        }
        try await store.close()
    }
}

/// A response's status and body as text.
struct Reply {
    let status: HTTPResponse.Status
    let body: String
    let headers: HTTPFields
}

extension TestClientProtocol {
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> Reply {
        try await execute(uri: uri, method: .get, headers: headers) {
            Reply(status: $0.status, body: String(buffer: $0.body), headers: $0.headers)
        }
    }

    func postForm(_ uri: String, _ fields: [(String, String)]) async throws -> Reply {
        let body = fields.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) {
            Reply(status: $0.status, body: String(buffer: $0.body), headers: $0.headers)
        }
    }

    func postJSON(_ uri: String, _ json: String, language: String = "en") async throws -> Reply {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.acceptLanguage] = language
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json)) {
            Reply(status: $0.status, body: String(buffer: $0.body), headers: $0.headers)
        }
    }
}

import Foundation
