import ElectionStoreSQL
@testable import ElectionWeb
import HTTPTypes
import Hummingbird
// Testable for TestResponse's memberwise initialiser, which is internal. Debug builds (swift test's
// default) compile every module for testing.
@testable import HummingbirdTesting
import NIOCore
import Testing

/// Serves `app` over a real socket and hands `body` a client that waits up to five minutes for an
/// answer. HummingbirdTesting's own live client gives up after 20 s without a byte; on a CI machine
/// busy with every other suite one request went over that (`readTimeout`), twice. The tests that
/// use this are about addresses and counts, not speed.
func testLive<App: ApplicationProtocol>(_ app: App, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    try await app.test(.live) { quick in
        let port = try #require(quick.port)
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(300)))
        client.connect()
        do {
            try await body(PatientClient(client: client))
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}

/// The portal made by `router` over `store`, served on 127.0.0.1 (tests about clients' addresses
/// need a real socket), with the store closed on every path: SQLite stops the whole test process on
/// a connection left open.
func testLive(
    _ store: SQLElectionStore, router: (SQLElectionStore) async throws -> Router<PortalRequestContext>,
    _ body: @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    do {
        let app = Application(router: try await router(store), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await testLive(app, body)
    } catch {
        try await store.close()
        throw error
    }
    try await store.close()
}

/// The live test client's requests, sent over a `TestClient` with a long read timeout.
private struct PatientClient: TestClientProtocol {
    let client: TestClient

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        headers[.connection] = "keep-alive"
        let response = try await client.execute(TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: body))
        return TestResponse(head: response.head, body: response.body ?? ByteBuffer(), trailerHeaders: response.trailerHeaders)
    }

    var port: Int? { client.port }
}
