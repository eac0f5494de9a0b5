import Foundation
import Synchronization

/// How many questions a minute the registration check takes from one client, from one client
/// network, and from everyone together.
public struct LookupShares: Sendable, Equatable {
    /// Questions one address may ask a minute: a person checking their own registration (or their
    /// family's) needs a handful.
    public var perClient: Int
    /// Questions one network (an IPv4 /24, an IPv6 /64) may ask a minute: a script given many
    /// addresses of one network is still one asker; a school or a carrier's shared addresses are many people.
    public var perNetwork: Int
    /// Questions everyone together may ask a minute, nil for no cap: what a sweep spread over
    /// many networks can reach, and what keeps the rest of the portal answering.
    public var overall: Int?

    public init(perClient: Int, perNetwork: Int? = nil, overall: Int? = nil) {
        self.perClient = perClient
        self.perNetwork = perNetwork ?? perClient * 10
        self.overall = overall
    }

    /// The portal's shares unless told otherwise: 30 a client, 300 a network, 60,000 (1,000 a second) in all.
    public static let standard = LookupShares(perClient: 30, perNetwork: 300, overall: 60_000)
}

/// Caps how many questions clients may ask in a minute, counting each question against the
/// client's address, its network and everyone's share. A person checking their own registration
/// needs a handful; a script sweeping voter numbers or names and birth dates to map the register
/// needs thousands, and gets them neither from one address nor from many addresses of one network.
final class LookupLimiter: Sendable {
    let shares: LookupShares
    /// Each address's and network's most recent questions (at most its share), over a sliding
    /// minute, so that a burst across the turn of a clock minute is counted as one burst.
    private let recent = Mutex(Recent())
    private struct Recent {
        var questions: [String: [Date]] = [:]
        /// When quiet clients were last forgotten.
        var swept = Date.distantPast
    }
    /// Everyone's questions in this clock minute and the last, weighted into a sliding minute: a
    /// list of every question would be too long to keep.
    private let everyone = Mutex<(minute: Int, count: Int, previous: Int)>((0, 0, 0))

    /// The portal's clock: a minute is the portal's minute, so that a test's is not cut short by a slow machine.
    private let clock: PortalClock

    init(_ shares: LookupShares, clock: PortalClock = .system) {
        self.shares = shares
        self.clock = clock
    }

    /// One share for every client and its network (ten times as many), no cap overall.
    convenience init(perMinute: Int, clock: PortalClock = .system) {
        self.init(LookupShares(perClient: perMinute), clock: clock)
    }

    /// Counts one question from `client` at `now`; false when the client, its network or everyone
    /// has had its share in the last minute (a refused question counts against nothing).
    func allow(_ client: String, now: Date? = nil) -> Bool {
        let now = now ?? clock.now()
        let cutoff = now.addingTimeInterval(-60)
        let network = Self.network(of: client)
        return recent.withLock { state -> Bool in
            // Forget quiet clients now and then, so the table stays small: at most every 10 s, since
            // on election eve more than 20,000 clients may all have asked within the minute, and
            // looking through all of them at every question cost more than the answers.
            if state.questions.count > 20_000 && now.timeIntervalSince(state.swept) > 10 {
                state.questions = state.questions.filter { ($0.value.last ?? .distantPast) > cutoff }
                state.swept = now
            }
            let mine = (state.questions[client] ?? []).filter { $0 > cutoff }
            let ours = network.map { (state.questions[$0] ?? []).filter { $0 > cutoff } }
            state.questions[client] = mine
            if let network, let ours { state.questions[network] = ours }
            guard mine.count < shares.perClient, (ours?.count ?? 0) < shares.perNetwork, countOverall(now) else { return false }
            state.questions[client, default: []].append(now)
            if let network { state.questions[network, default: []].append(now) }
            return true
        }
    }

    /// Counts one question against everyone's share; false when it is used up.
    private func countOverall(_ now: Date) -> Bool {
        guard let overall = shares.overall else { return true }
        return everyone.withLock { state in
            let minute = Int((now.timeIntervalSince1970 / 60).rounded(.down))
            if minute != state.minute {
                state = (minute, 0, minute == state.minute + 1 ? state.count : 0)
            }
            let intoMinute = now.timeIntervalSince1970 / 60 - Double(minute)
            let estimate = Double(state.previous) * (1 - intoMinute) + Double(state.count)
            guard estimate < Double(overall) else { return false }
            state.count += 1
            return true
        }
    }

    /// Counts one question from the request's client; throws ``TooManyLookups`` when a share is used up.
    func count(_ context: PortalRequestContext) throws {
        guard allow(context.client) else { throw TooManyLookups() }
    }

    /// The network an address belongs to, as a key: its IPv4 /24 or IPv6 /64; nil for anything
    /// that is not an address (then the client's own share is all there is).
    static func network(of client: String) -> String? {
        guard let bytes = TrustedProxies.bytes(client) else { return nil }
        if bytes.count == 4 { return "v4:" + bytes.prefix(3).map(String.init).joined(separator: ".") + ".0/24" }
        return "v6:" + bytes.prefix(8).map { String(format: "%02x", $0) }.joined() + "/64"
    }
}

/// A client asked more registration questions than the limit allows.
struct TooManyLookups: Error {}
