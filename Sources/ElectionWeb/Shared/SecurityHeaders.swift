import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Headers every answer carries so that a browser holds the portal to what it means: no framing
/// (clickjacking), no guessing of content types, no full addresses sent to other sites, and no
/// copy kept of anything shown to a signed-in person (the register, forms, reports in progress).
struct SecurityHeaders: RouterMiddleware {
    typealias Context = PortalRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        // The province pages embed their map (an SVG) from the portal itself; nothing else frames anything.
        response.headers[Self.frameOptions] = "SAMEORIGIN"
        response.headers[Self.referrerPolicy] = "same-origin"
        if response.headers[.contentSecurityPolicy] == nil {
            // What is not a page (JSON, CSV, an SVG map opened on its own) runs no script and loads nothing.
            response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'"
        }
        if Self.isPersonal(request, response) { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// Whether the answer may hold what only its asker should see: it answers someone signed in
    /// (an official's, observer's, party agent's or organisation's cookie or token), starts or ends
    /// a session, or answers a question sent in a form (the registration check among them).
    static func isPersonal(_ request: Request, _ response: Response) -> Bool {
        if request.method != .get && request.method != .head { return true }
        if request.headers[.authorization] != nil || response.headers[.setCookie] != nil { return true }
        return request.headers[values: .cookie].contains { $0.contains("sala_") }
    }

    private static let frameOptions = HTTPField.Name("X-Frame-Options")!
    private static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}

/// The Content-Security-Policy of one page: scripts from the portal itself and the page's own
/// inline scripts, each allowed by its SHA-256 (the same page always gets the same policy, so its
/// ETag holds), and never inline script anyone typed, since what people type is escaped on output
/// and an escaped `<script>` is no script.
enum PagePolicy {
    static func forPage(_ html: String) -> String {
        let hashes = inlineScripts(html).map { script in
            "'sha256-" + Data(SHA256.hash(data: Data(script.utf8))).base64EncodedString() + "'"
        }
        return (["default-src 'self'", "script-src 'self'" + hashes.map { " " + $0 }.joined(),
                 "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'", "object-src 'self'",
                 "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"]).joined(separator: "; ")
    }

    /// The text of each `<script>` without a `src`, exactly as the page carries it.
    static func inlineScripts(_ html: String) -> [Substring] {
        var scripts: [Substring] = []
        var rest = html[...]
        while let open = rest.range(of: "<script>") {
            guard let close = rest[open.upperBound...].range(of: "</script>") else { break }
            scripts.append(rest[open.upperBound..<close.lowerBound])
            rest = rest[close.upperBound...]
        }
        return scripts
    }
}

/// Refuses a form or API call that a browser says another site sent (`Sec-Fetch-Site:
/// cross-site`), before any route sees it: a page elsewhere cannot sign someone in to an account of
/// its choosing (the sign-in forms carry no token, having no session yet) nor send any other form.
/// Clients that are not browsers send no such header and are unaffected.
struct CrossSiteRefusal: RouterMiddleware {
    typealias Context = PortalRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method != .get, request.method != .head, request.headers[Self.fetchSite] == "cross-site" { throw ForgedForm() }
        return try await next(request, context)
    }

    private static let fetchSite = HTTPField.Name("Sec-Fetch-Site")!
}
