import Hummingbird
import HummingbirdAuth
import NIOCore

/// The request context of every route: Hummingbird's basics, the client's address (the
/// registration check's and sign-in's limits are counted by it), the page language, and who is
/// asking.
public struct PortalRequestContext: AuthRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The page language, set by ``LanguageMiddleware`` for every route under `/{lang}`.
    public var language: Language = .english
    /// Who is asking, set by the authenticators of the routes that serve officials or observers.
    public var identity: PortalIdentity?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        client = remoteAddress?.ipAddress ?? "unknown"
    }

    /// The client, as the limits count it: the connecting address, or the one a trusted proxy
    /// forwarded (set by ``ClientAddressMiddleware``).
    public internal(set) var client = "unknown"
}
