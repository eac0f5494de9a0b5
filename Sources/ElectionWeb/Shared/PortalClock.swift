import Foundation

/// What time it is for the portal: the system's, or a clock that started at a chosen instant and
/// runs from there (`sala serve --clock-start`: a rehearsal of election day, or a demonstration of
/// an election already held).
public struct PortalClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    /// The system's clock.
    public static let system = PortalClock { Date() }

    /// A clock that reads `start` now and runs on at the system's pace.
    public static func starting(at start: Date) -> PortalClock {
        let began = Date()
        return PortalClock { start.addingTimeInterval(Date().timeIntervalSince(began)) }
    }
}
