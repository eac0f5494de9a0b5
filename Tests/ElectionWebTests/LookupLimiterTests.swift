@testable import ElectionWeb
import Foundation
import Testing

@Suite struct LookupLimiterTests {
    @Test func eachClientHasItsOwnShareEachMinute() {
        let limiter = LookupLimiter(perMinute: 2)
        let start = Date(timeIntervalSince1970: 1_690_000_020)
        #expect(limiter.allow("10.0.0.1", now: start))
        #expect(limiter.allow("10.0.0.1", now: start))
        #expect(!limiter.allow("10.0.0.1", now: start.addingTimeInterval(10)))
        #expect(limiter.allow("10.0.0.2", now: start.addingTimeInterval(10)))
        #expect(limiter.allow("10.0.0.1", now: start.addingTimeInterval(60)))
    }

    @Test func aBurstAcrossTheTurnOfAClockMinuteIsStillOneBurst() {
        let limiter = LookupLimiter(perMinute: 2)
        let minute = Date(timeIntervalSince1970: 1_690_000_020)  // a whole minute since 1970
        #expect(limiter.allow("10.0.0.1", now: minute.addingTimeInterval(-1)))
        #expect(limiter.allow("10.0.0.1", now: minute.addingTimeInterval(-0.5)))
        #expect(!limiter.allow("10.0.0.1", now: minute.addingTimeInterval(1)))
        #expect(limiter.allow("10.0.0.1", now: minute.addingTimeInterval(59.5)))
    }
}
