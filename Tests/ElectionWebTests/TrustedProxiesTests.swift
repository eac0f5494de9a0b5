import ElectionStoreSQL
import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Limits count the real client behind a trusted proxy, and only behind it.
@Suite struct TrustedProxiesTests {
    let proxies = TrustedProxies(["10.0.0.0/8", "2001:db8::/32", "192.0.2.7"].compactMap(TrustedProxies.Block.init))

    @Test func blocksAreReadAndBadOnesRefused() {
        #expect(TrustedProxies.Block("10.0.0.0/8") != nil)
        #expect(TrustedProxies.Block("::1") != nil)
        for bad in ["10.0.0.0/33", "10.0.0/8", "proxy.example", "2001:db8::/129", "", "10.0.0.1/-1"] {
            #expect(TrustedProxies.Block(bad) == nil, "\(bad)")
        }
    }

    @Test func theForwardedClientCountsOnlyFromATrustedProxy() {
        #expect(proxies.client(connectedFrom: "10.1.2.3", forwardedFor: "203.0.113.9") == "203.0.113.9")
        // The rightmost address that is not a proxy of ours: what the client wrote on the left is not believed.
        #expect(proxies.client(connectedFrom: "10.1.2.3", forwardedFor: "1.1.1.1, 203.0.113.9, 10.9.9.9") == "203.0.113.9")
        #expect(proxies.client(connectedFrom: "2001:db8::5", forwardedFor: "2001:db9::1") == "2001:db9::1")
        #expect(proxies.client(connectedFrom: "192.0.2.7", forwardedFor: "198.51.100.4") == "198.51.100.4")
        // Anyone else's header is ignored.
        #expect(proxies.client(connectedFrom: "192.0.2.8", forwardedFor: "198.51.100.4") == "192.0.2.8")
        #expect(proxies.client(connectedFrom: "11.0.0.1", forwardedFor: "203.0.113.9") == "11.0.0.1")
        // No header or a garbled one: the proxy itself.
        #expect(proxies.client(connectedFrom: "10.1.2.3", forwardedFor: nil) == "10.1.2.3")
        #expect(proxies.client(connectedFrom: "10.1.2.3", forwardedFor: "unknown, <script>") == "10.1.2.3")
        #expect(proxies.client(connectedFrom: nil, forwardedFor: "203.0.113.9") == "unknown")
    }

    /// Over a real socket from 127.0.0.1: two voters behind the trusted proxy each have their own
    /// share; without the setting they would share one.
    @Test func twoVotersBehindOneProxyHaveTheirOwnShares() async throws {
        try await testLive(try await TestDatabases.sqlite(), router: { store in
            try await PortalApplication.router(
                store: store, registrationChecks: LookupShares(perClient: 1), trustedProxies: TrustedProxies([TrustedProxies.Block("127.0.0.1")!]),
                // A clock that stands still: on a loaded CI machine the sliding minute ran out between the checks.
                clock: PortalClock(now: { [now = Date()] in now }))
        }) { client in
            func check(_ from: String) async throws -> HTTPResponse.Status {
                var headers = HTTPFields()
                headers[.contentType] = "application/json"
                headers[HTTPField.Name("X-Forwarded-For")!] = from
                return try await client.execute(
                    uri: "/api/v1/registration", method: .post, headers: headers,
                    body: ByteBuffer(string: #"{"voterNumber": "1000000008"}"#)) { $0.status }
            }
            let first = try await check("203.0.113.1")
            let second = try await check("203.0.113.2")
            let again = try await check("203.0.113.1")
            #expect(first == .ok)
            #expect(second == .ok)
            #expect(again == .tooManyRequests)
        }
    }
}
