import CompressNIO
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Makes every whole GET response cheap to fetch again and cheap to carry: it gets a weak ETag
/// from its bytes, a request that already holds those bytes (`If-None-Match`) gets 304 and no
/// body, and a client that accepts gzip gets the body compressed.
///
/// Phones on slow networks are most of the portal's readers: a results page of 350 KB is about
/// 40 KB gzipped, and a page polled for changes costs a few hundred bytes while nothing changed.
/// Streamed responses (exports of unknown length) and bodies already encoded or carrying a
/// `Digest` of their exact bytes pass through untouched. (The router answers HEAD as GET without
/// the body.)
struct ResponseEconomy: RouterMiddleware {
    typealias Context = PortalRequestContext

    /// Smaller bodies are not worth compressing.
    static var smallestCompressed: Int { 1024 }
    /// Larger bodies are not held in memory to be tagged.
    static var largestTagged: Int { 32 << 20 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else { return try await next(request, context) }
        var response = try await next(request, context)
        guard response.status == .ok, response.headers[.contentEncoding] == nil, response.headers[Self.digest] == nil,
              let length = response.body.contentLength, length <= Self.largestTagged
        else { return response }
        // An answer kept whole (`AnswerMemo`) carries the tag of its bytes already: its bytes are
        // read back (a copy of a page of hundreds of kilobytes) only to be compressed the first time.
        let body: ByteBuffer?
        let tag: String
        if let kept = response.headers[.eTag] {
            (body, tag) = (nil, kept)
        } else {
            let read = try await Self.bytes(of: response.body)
            (body, tag) = (read, Self.tag(read))
        }
        response.headers[.eTag] = tag
        response.headers[.vary] = "Accept-Encoding"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-cache" }
        if let held = request.headers[.ifNoneMatch], Self.matches(held, tag) {
            var headers = HTTPFields()
            for name in [HTTPField.Name.eTag, .cacheControl, .vary, .contentLanguage] { headers[name] = response.headers[name] }
            return Response(status: .notModified, headers: headers)
        }
        var sent = body
        if length >= Self.smallestCompressed, Self.compressible(response.headers[.contentType]),
           Self.acceptsGzip(request.headers[.acceptEncoding]) {
            let whole = response.body
            sent = try await Self.compressed(tag: tag) { if let body { body } else { try await Self.bytes(of: whole) } }
            response.headers[.contentEncoding] = "gzip"
        }
        if let sent {
            response.headers[.contentLength] = String(sent.readableBytes)
            response.body = .init(byteBuffer: sent)
        } else {
            response.headers[.contentLength] = String(length)
        }
        return response
    }

    private static let digest = HTTPField.Name("Digest")!

    /// Bodies compressed lately, by their tag: the same page read a thousand times a second is
    /// compressed once. A few hundred bodies of up to half a megabyte at most.
    private static let recentlyCompressed = Mutex<[String: ByteBuffer]>([:])

    /// The gzip of the body tagged `tag`, read with `body` only when it was not compressed lately.
    static func compressed(tag: String, body: () async throws -> ByteBuffer) async throws -> ByteBuffer {
        if let done = recentlyCompressed.withLock({ $0[tag] }) { return done }
        let whole = try await body()
        var copy = whole
        let done = try copy.compress(with: .gzip())
        guard whole.readableBytes <= 512 << 10 else { return done }
        recentlyCompressed.withLock { recent in
            if recent.count >= 256 { recent.removeAll(keepingCapacity: true) }
            recent[tag] = done
        }
        return done
    }

    /// A weak tag (the same bytes may travel gzipped or not): the first 16 bytes of their SHA-256.
    static func tag(_ body: ByteBuffer) -> String {
        let hash = body.withUnsafeReadableBytes { SHA256.hash(data: $0) }
        return "W/\"" + hash.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// `If-None-Match` holds `*` or a list of tags; weak comparison, as RFC 9110 asks for it.
    static func matches(_ header: String, _ tag: String) -> Bool {
        let bare = { (t: Substring) in t.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "") }
        return header.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "*" || bare($0) == bare(Substring(tag)) }
    }

    /// `Accept-Encoding` names gzip (or `*`) without `q=0`.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.lowercased().split(separator: ",").contains { part in
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let coding = fields.first, coding == "gzip" || coding == "*" else { return false }
            let quality = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
    }

    /// Text, JSON, SVG and CSV compress well; images and archives do not.
    static func compressible(_ type: String?) -> Bool {
        guard let type = type?.lowercased() else { return false }
        return type.hasPrefix("text/") || type.hasPrefix("application/json") || type.hasPrefix("image/svg+xml")
            || type.hasPrefix("application/javascript") || type.hasPrefix("application/xml")
    }

    static func bytes(of body: ResponseBody) async throws -> ByteBuffer {
        let collector = Collector()
        try await body.write(collector)
        return collector.buffer
    }

    private final class Collector: ResponseBodyWriter {
        var buffer = ByteBuffer()
        func write(_ part: ByteBuffer) async throws { buffer.writeImmutableBuffer(part) }
        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
