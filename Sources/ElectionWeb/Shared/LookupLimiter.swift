import Foundation
import Synchronization

/// Caps how many registration questions one client may ask in a minute. A person checking their
/// own registration (or their family's) needs a handful; a script sweeping voter numbers or
/// names and birth dates to map the register needs thousands.
final class LookupLimiter: Sendable {
    let perMinute: Int
    /// Each client's most recent questions (at most `perMinute` times), over a sliding minute, so
    /// that a burst across the turn of a clock minute is counted as one burst.
    private let recent = Mutex<[String: [Date]]>([:])

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Counts one question from `client` at `now`; false when the client has had its share in the last minute.
    func allow(_ client: String, now: Date = Date()) -> Bool {
        let cutoff = now.addingTimeInterval(-60)
        return recent.withLock { recent in
            // Forget quiet clients now and then, so the table stays small.
            if recent.count > 10_000 { recent = recent.filter { ($0.value.last ?? .distantPast) > cutoff } }
            var times = (recent[client] ?? []).filter { $0 > cutoff }
            guard times.count < perMinute else {
                recent[client] = times
                return false
            }
            times.append(now)
            recent[client] = times
            return true
        }
    }

    /// Counts one question from the request's client; throws ``TooManyLookups`` when its share is used up.
    func count(_ context: PortalRequestContext) throws {
        guard allow(context.client) else { throw TooManyLookups() }
    }
}

/// A client asked more registration questions than the limit allows.
struct TooManyLookups: Error {}
