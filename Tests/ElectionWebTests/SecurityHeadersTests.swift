import Crypto
import ElectionStore
import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Found by probing: no CSP, frame options, nosniff or `Cache-Control: no-store` on pages with
/// personal data, and a sign-in form with no CSRF token.
@Suite struct SecurityHeadersTests {
    @Test func aPageAllowsItsOwnInlineScriptsAndNothingTyped() async throws {
        try await PortalTestApp.run { client in
            let page = try await client.get("/km/stations")
            #expect(page.status == .ok)
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "SAMEORIGIN")
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.contains("frame-ancestors 'none'"))
            let scripts = PagePolicy.inlineScripts(page.body)
            #expect(!scripts.isEmpty)
            for script in scripts {
                let hash = Data(SHA256.hash(data: Data(script.utf8))).base64EncodedString()
                #expect(policy.contains("'sha256-\(hash)'"))
            }
            #expect(!policy.contains("'unsafe-inline' ") && !policy.contains("script-src 'self' 'unsafe-inline'"))
            // The same page gets the same policy, so its ETag still saves a download.
            #expect(try await client.get("/km/stations").headers[.contentSecurityPolicy] == policy)
            #expect(page.headers[.cacheControl] == "no-cache")
        }
    }

    @Test func aSignedInOfficialsPagesAreNeverStored() async throws {
        let fixture = try await ResultsWebTests.fixture()
        try await ResultsWebTests.run(fixture) { client in
            let one = try await ResultsWebTests.signIn(client, "clerk.one")
            let desk = try await client.get("/en/desk", headers: [.cookie: one.cookie])
            #expect(desk.status == .ok)
            #expect(desk.headers[.cacheControl] == "no-store")
            let json = try await client.get("/api/v1/parties")
            #expect(json.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
        }
    }

    @Test func aFormSentFromAnotherSiteIsRefused() async throws {
        let fixture = try await ResultsWebTests.fixture()
        try await ResultsWebTests.run(fixture) { client in
            var headers = HTTPFields()
            headers[.contentType] = "application/x-www-form-urlencoded"
            headers[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            let body = "name=clerk.one&password=" + (ResultsWebTests.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            let forged = try await client.execute(uri: "/en/signin", method: .post, headers: headers, body: ByteBuffer(string: body)) { $0 }
            #expect(forged.status == .forbidden)
            #expect(forged.headers[.setCookie] == nil)
            headers[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin"
            let own = try await client.execute(uri: "/en/signin", method: .post, headers: headers, body: ByteBuffer(string: body)) { $0 }
            #expect(own.status == .seeOther)
            #expect(own.headers[.cacheControl] == "no-store")
        }
    }
}

@Suite struct BusyAnswerTests {
    @Test func aBusyDatabaseIsA503WithRetryAfterInTheUsersLanguage() {
        let (status, _, message) = ErrorMiddleware<PortalRequestContext>.describe(StoreError.busy, in: .khmer)
        #expect(status == .serviceUnavailable)
        #expect(message.unicodeScalars.contains { (0x1780...0x17FF).contains($0.value) })
        #expect(ErrorMiddleware<PortalRequestContext>.retryAfter(status) == 5)
    }

    @Test func anUnavailableDatabaseIsA503WithRetryAfterSayingToSendAgain() {
        let (status, _, message) = ErrorMiddleware<PortalRequestContext>.describe(StoreError.unavailable, in: .english)
        #expect(status == .serviceUnavailable)
        #expect(message.contains("send the same again"))
        #expect(ErrorMiddleware<PortalRequestContext>.retryAfter(status) == 5)
    }
}
