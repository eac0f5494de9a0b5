import Foundation
import Synchronization

/// Caps how many registration questions one client may ask in a minute. A person checking their
/// own registration (or their family's) needs a handful; a script sweeping voter numbers or
/// names and birth dates to map the register needs thousands.
final class LookupLimiter: Sendable {
    let perMinute: Int
    private let windows = Mutex<[String: (minute: Int, count: Int)]>([:])

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Counts one question from `client` at `now`; false when the client has had its share this minute.
    func allow(_ client: String, now: Date = Date()) -> Bool {
        let minute = Int(now.timeIntervalSince1970 / 60)
        return windows.withLock { windows in
            // Forget finished minutes now and then, so the table stays small.
            if windows.count > 10_000 { windows = windows.filter { $0.value.minute == minute } }
            var window = windows[client] ?? (minute, 0)
            if window.minute != minute { window = (minute, 0) }
            guard window.count < perMinute else { return false }
            window.count += 1
            windows[client] = window
            return true
        }
    }
}

/// A client asked more registration questions than the limit allows.
struct TooManyLookups: Error {}
