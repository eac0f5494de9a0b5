@testable import ElectionWeb
import ElectionCore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Synchronization
import Testing

/// Found by probing: a wrong password for a real account cost a bcrypt check and an unknown name
/// none (2 ms against 320-430 ms, so account names could be found); 200 attempts from 20 addresses
/// made `/health` take a second; guesses on one account were limited only per address.
@Suite struct SignInLimitTests {
    @Test func anUnknownNameOrADisabledAccountIsCheckedAsHardAsARealOne() {
        let standIn = Passwords.hashChecked(nil)
        #expect(standIn.split(separator: "$")[1] == "\(Passwords.cost)")
        #expect(Passwords.hashChecked(Passwords.disabled) == standIn)
        let real = Passwords.hash("a long passphrase", cost: 4)
        #expect(Passwords.hashChecked(real) == real)
    }

    @Test func guessesOnOneAccountFromManyAddressesAreStopped() async throws {
        let store = try await TestDatabases.writableSQLite()
        let password = "a long passphrase"
        _ = try await store.addOfficial(name: "target", role: .communeOfficial, unitCode: "010201", passwordHash: Passwords.hash(password, cost: 4))
        _ = try await store.addOfficial(name: "bystander", role: .communeOfficial, unitCode: "010201", passwordHash: Passwords.hash(password, cost: 4))
        // The limiters' clock stands still: however slow the machine, the attempts fall in one minute.
        let noon = PortalClock { Date(timeIntervalSince1970: 1_690_088_400) }
        let signing = Signing(
            store: store, attempts: LookupLimiter(perMinute: 100, clock: noon), accountAttempts: LookupLimiter(perMinute: 3, clock: noon),
            secureCookies: false)
        for i in 1...3 {
            #expect(try await signing.signIn(name: "target", password: "wrong", client: "10.\(i).0.1") == nil)
        }
        await #expect(throws: TooManyLookups.self) {
            _ = try await signing.signIn(name: "TARGET", password: password, client: "10.9.0.1")
        }
        #expect(try await signing.signIn(name: "bystander", password: password, client: "10.9.0.1") != nil)
        #expect(try await signing.signIn(name: "nobody", password: password, client: "10.9.0.2") == nil)
        try await store.close()
    }

    @Test func theCheckPoolRunsItsWidthAndTurnsAwayPastItsQueue() async throws {
        let pool = BoundedPool(width: 1, waiting: 1)
        let gate = DispatchSemaphore(value: 0)
        let started = Started()
        async let first: Int = pool.run { started.count.withLock { $0 += 1 }; gate.wait(); return 1 }
        while started.count.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        async let second: Int = pool.run { started.count.withLock { $0 += 1 }; return 2 }
        while pool.load.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(pool.load == (running: 1, waiting: 1))
        await #expect(throws: TooManyLookups.self) { _ = try await pool.run { 3 } }
        // The second has not started while the first holds the only place.
        #expect(started.count.withLock { $0 } == 1)
        gate.signal()
        #expect(try await first + second == 3)
        #expect(pool.load == (running: 0, waiting: 0))
    }
}

/// How many pieces of work have started.
private final class Started: Sendable {
    let count = Mutex<Int>(0)
}
