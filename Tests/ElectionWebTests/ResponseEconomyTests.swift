import CompressNIO
import ElectionWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Pages travel compressed, carry a tag, and cost nothing to fetch again while they have not changed.
@Suite struct ResponseEconomyTests {
    private func fetch(_ client: any TestClientProtocol, _ uri: String, _ headers: HTTPFields = [:])
        async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer) {
        try await client.execute(uri: uri, method: .get, headers: headers) { ($0.status, $0.headers, $0.body) }
    }

    @Test func aPageIsGzippedForThoseWhoAskAndTheSameOnceUnpacked() async throws {
        try await PortalTestApp.run { client in
            let plain = try await fetch(client, "/km/results")
            #expect(plain.status == .ok)
            #expect(plain.headers[.contentEncoding] == nil)
            let packed = try await fetch(client, "/km/results", [.acceptEncoding: "gzip, deflate, br"])
            #expect(packed.headers[.contentEncoding] == "gzip")
            #expect(packed.headers[.vary] == "Accept-Encoding")
            #expect(packed.body.readableBytes * 3 < plain.body.readableBytes)
            var body = packed.body
            #expect(try body.decompress(with: .gzip()) == plain.body)
            // q=0 refuses gzip.
            #expect(try await fetch(client, "/km/results", [.acceptEncoding: "gzip;q=0, identity"]).headers[.contentEncoding] == nil)
        }
    }

    @Test func aTagGetsNotModifiedUntilThePageChanges() async throws {
        try await PortalTestApp.run { client in
            let first = try await fetch(client, "/en/parties")
            let tag = try #require(first.headers[.eTag])
            #expect(tag.hasPrefix("W/\""))
            #expect(first.headers[.cacheControl] == "no-cache")
            let again = try await fetch(client, "/en/parties", [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.eTag] == tag)
            // Another page's tag, or a tag from before a change, gets the whole page.
            let other = try #require(try await fetch(client, "/km/parties").headers[.eTag])
            #expect(other != tag)
            #expect(try await fetch(client, "/en/parties", [.ifNoneMatch: other]).status == .ok)
            #expect(try await fetch(client, "/en/parties", [.ifNoneMatch: "\"x\", \(tag)"]).status == .notModified)
        }
    }

    @Test func headIsGetWithoutTheBody() async throws {
        try await PortalTestApp.run { client in
            let get = try await fetch(client, "/en/parties", [.acceptEncoding: "gzip"])
            let head = try await client.execute(uri: "/en/parties", method: .head, headers: [.acceptEncoding: "gzip"]) { ($0.status, $0.headers, $0.body) }
            #expect(head.0 == .ok)
            #expect(head.1[.eTag] == get.headers[.eTag])
            #expect(head.1[.contentEncoding] == "gzip")
            #expect(head.2.readableBytes == 0)
        }
    }

    @Test func errorsAndWritesAreLeftAlone() async throws {
        try await PortalTestApp.run { client in
            let missing = try await fetch(client, "/en/results/provinces/99", [.acceptEncoding: "gzip"])
            #expect(missing.status == .notFound)
            #expect(missing.headers[.eTag] == nil)
            let refused = try await client.postForm("/en/registration", [("name", "")])
            #expect(refused.headers[.eTag] == nil)
        }
    }
}
