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

    /// Found by probing: from 20 loopback addresses 600 voter numbers got 600 answers in 0.6 s.
    @Test func manyAddressesOfOneNetworkShareTheNetworksShare() {
        let limiter = LookupLimiter(LookupShares(perClient: 2, perNetwork: 5))
        let now = Date(timeIntervalSince1970: 1_690_000_020)
        let answered = (1...20).map { limiter.allow("10.1.2.\($0)", now: now) }.filter { $0 }.count
        #expect(answered == 5)
        // Another /24 has its own share; a refused question cost the client nothing.
        #expect(limiter.allow("10.1.3.1", now: now))
        #expect(limiter.allow("10.1.2.20", now: now.addingTimeInterval(61)))
        let v6 = (1...20).map { limiter.allow("2001:db8:0:7::\(String($0, radix: 16))", now: now) }.filter { $0 }.count
        #expect(v6 == 5)
        #expect(limiter.allow("2001:db8:0:8::1", now: now))
    }

    @Test func everyoneTogetherHasOneShare() {
        let limiter = LookupLimiter(LookupShares(perClient: 100, perNetwork: 100, overall: 10))
        let minute = Date(timeIntervalSince1970: 1_690_000_020)
        let answered = (1...30).map { limiter.allow("10.\($0).0.1", now: minute) }.filter { $0 }.count
        #expect(answered == 10)
        // Half a minute later half of the last minute's questions still count.
        let later = (1...30).map { limiter.allow("10.\($0).1.1", now: minute.addingTimeInterval(90)) }.filter { $0 }.count
        #expect(later == 5)
        #expect(limiter.allow("10.99.0.1", now: minute.addingTimeInterval(240)))
    }

    @Test func networksAreIPv4Slash24AndIPv6Slash64() {
        #expect(LookupLimiter.network(of: "192.0.2.77") == LookupLimiter.network(of: "192.0.2.1"))
        #expect(LookupLimiter.network(of: "192.0.2.77") != LookupLimiter.network(of: "192.0.3.77"))
        #expect(LookupLimiter.network(of: "2001:db8::1") == LookupLimiter.network(of: "2001:db8::ffff:1"))
        #expect(LookupLimiter.network(of: "2001:db8::1") != LookupLimiter.network(of: "2001:db8:0:1::1"))
        #expect(LookupLimiter.network(of: "unknown") == nil)
    }
}
