import Foundation
import Hummingbird
import NIOCore
import Testing
@testable import ElectionWeb

/// Results pages are kept whole while their report is the same: made once per stamp, served with
/// the tag of their bytes, never kept when they are not a plain 200.
@Suite struct AnswerMemoTests {
    static func body(of response: Response) async throws -> String {
        String(buffer: try await ResponseEconomy.bytes(of: response.body))
    }

    static func page(_ text: String, counting made: Counter) -> Response {
        made.add()
        return Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Test func anAnswerIsMadeOncePerStampAndCarriesItsTag() async throws {
        let memo = AnswerMemo()
        let made = Counter()
        let first = ReportStamp(version: 1, asOf: .now, maximumAge: .zero)
        let one = try await memo.answer("en/results", stamp: first) { Self.page("report one", counting: made) }
        let again = try await memo.answer("en/results", stamp: first) { Self.page("something else", counting: made) }
        #expect(try await Self.body(of: one) == "report one")
        #expect(try await Self.body(of: again) == "report one")
        #expect(made.value == 1)
        #expect(again.headers[.eTag] == ResponseEconomy.tag(ByteBuffer(string: "report one")))
        // Another key, or a new report once the kept answer is too old to serve, is made afresh.
        _ = try await memo.answer("km/results", stamp: first) { Self.page("km", counting: made) }
        let later = try await memo.answer("en/results", stamp: ReportStamp(version: 2, asOf: first.asOf.advanced(by: .seconds(1)), maximumAge: .zero)) {
            Self.page("report two", counting: made)
        }
        #expect(try await Self.body(of: later) == "report two")
        #expect(made.value == 3)
        // A refusal is not kept.
        for _ in 0..<2 {
            _ = try await memo.answer("en/results/provinces/99", stamp: first) {
                made.add()
                return Response(status: .notFound)
            }
        }
        #expect(made.value == 5)
    }

    @Test func aNewReportsPageIsMadeOnceWhileTheYoungOneIsServed() async throws {
        let memo = AnswerMemo()
        let made = Counter()
        let first = ReportStamp(version: 1, asOf: .now, maximumAge: .seconds(600))
        _ = try await memo.answer("en/results", stamp: first) { Self.page("report one", counting: made) }
        // The same report computed again later: its page is served, not made again.
        let again = try await memo.answer("en/results", stamp: ReportStamp(version: 1, asOf: .now, maximumAge: .seconds(600))) {
            Self.page("report one made again", counting: made)
        }
        #expect(try await Self.body(of: again) == "report one" && made.value == 1)
        // A newer report: the kept page is young enough, so it is served while the new one is made.
        let second = ReportStamp(version: 2, asOf: .now, maximumAge: .seconds(600))
        var bodies: [String] = []
        for _ in 0..<20 {
            bodies.append(try await Self.body(of: try await memo.answer("en/results", stamp: second) {
                try await Task.sleep(for: .milliseconds(50))
                return Self.page("report two", counting: made)
            }))
        }
        #expect(bodies.first == "report one")
        // Once made, the new page is served; it was made once however many asked meanwhile.
        for _ in 0..<200 where bodies.last != "report two" {
            try await Task.sleep(for: .milliseconds(20))
            bodies.append(try await Self.body(of: try await memo.answer("en/results", stamp: second) {
                Self.page("report two again", counting: made)
            }))
        }
        #expect(bodies.last == "report two")
        #expect(made.value == 2)
        // An older report's stamp never brings back the older page.
        let older = try await memo.answer("en/results", stamp: first) { Self.page("report one again", counting: made) }
        #expect(try await Self.body(of: older) == "report two")
    }

    @Test func readersWhoFindNothingWaitForTheOneAnswerBeingMade() async throws {
        let memo = AnswerMemo()
        let made = Counter()
        let stamp = ReportStamp(version: 1, asOf: .now, maximumAge: .zero)
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await Self.body(of: try await memo.answer("en/results/provinces/12", stamp: stamp) {
                        try await Task.sleep(for: .milliseconds(100))
                        return Self.page("province 12", counting: made)
                    })
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bodies == Array(repeating: "province 12", count: 16))
        #expect(made.value == 1)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }
}
