import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The proxies whose `X-Forwarded-For` Sala believes (`sala serve --trusted-proxy CIDR`).
///
/// Behind a proxy every request comes from the proxy's address, so the registration check's and
/// sign-in's limits would count the whole country as one client. A request from a trusted proxy
/// is counted by the address the proxy says it came from: the rightmost address in
/// `X-Forwarded-For` that is not itself a trusted proxy. From anyone else the header is ignored,
/// so no client can pick the address it is counted by.
public struct TrustedProxies: Sendable {
    /// One block of addresses, e.g. `10.0.0.0/8` or `2001:db8::/32`; a bare address is a block of one.
    public struct Block: Sendable, Equatable {
        let bytes: [UInt8]
        let prefix: Int

        /// nil when `text` is not an IPv4 or IPv6 address with an optional prefix length that fits it.
        public init?(_ text: String) {
            let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
            guard let first = parts.first, let bytes = TrustedProxies.bytes(first) else { return nil }
            let bits = bytes.count * 8
            if parts.count == 2 {
                guard let prefix = Int(parts[1]), (0...bits).contains(prefix) else { return nil }
                self.prefix = prefix
            } else {
                prefix = bits
            }
            self.bytes = bytes
        }

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var left = prefix
            for (a, b) in zip(address, bytes) where left > 0 {
                let mask: UInt8 = left >= 8 ? 0xff : ~(0xff >> UInt8(left))
                if a & mask != b & mask { return false }
                left -= 8
            }
            return true
        }
    }

    public let blocks: [Block]

    public init(_ blocks: [Block] = []) {
        self.blocks = blocks
    }

    /// The client a request is counted as: the connecting address, or the one a trusted proxy forwarded.
    public func client(connectedFrom address: String?, forwardedFor header: String?) -> String {
        guard let address else { return "unknown" }
        guard isTrusted(address), let header else { return address }
        let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for hop in hops.reversed() {
            guard Self.bytes(hop) != nil else { return address }  // a garbled header: count the proxy
            if !isTrusted(hop) { return hop }
        }
        return hops.first ?? address
    }

    func isTrusted(_ address: String) -> Bool {
        guard let bytes = Self.bytes(address) else { return false }
        return blocks.contains { $0.contains(bytes) }
    }

    /// The bytes of an IPv4 (4) or IPv6 (16) address written as text; nil for anything else.
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}

/// Sets ``PortalRequestContext/client`` for every request, believing `X-Forwarded-For` only from
/// a trusted proxy.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let proxies: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.client = proxies.client(
            connectedFrom: context.remoteAddress?.ipAddress, forwardedFor: request.headers[Self.forwardedFor])
        return try await next(request, context)
    }

    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
}
