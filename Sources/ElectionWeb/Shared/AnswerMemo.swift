import Hummingbird
import NIOCore
import Synchronization

/// Whole answers kept while what they were made from stays the same: the results pages are made
/// from one results report, and thousands of readers a second on results night would otherwise
/// each render the same page and read the same commune totals again.
///
/// An answer is kept under its key with the stamp of the report it was made from, and served
/// again while the report's version is the same; only plain 200 answers of known length are kept,
/// with their ETag worked out once (``ResponseEconomy`` uses it rather than hashing the body
/// again). When a new version comes, one answer is made for it while the kept one is still served,
/// as long as its stamp (as of the last report of its version it was served for) is still
/// servable: readers never wait for a page being made, and never see one older than the report's
/// own promise (``ReportStamp/maximumAge``). Readers who find nothing young enough wait for the
/// one answer being made, rather than each making it again.
final class AnswerMemo: Sendable {
    private struct Kept: Sendable {
        var stamp: ReportStamp
        let headers: HTTPFields
        let body: ByteBuffer

        var response: Response { Response(status: .ok, headers: headers, body: .init(byteBuffer: body)) }
    }

    /// What making an answer gave: one kept, or one that is not kept (a refusal) for its asker.
    private enum Made: Sendable {
        case kept(Kept)
        case once(Response)
    }

    private struct State {
        var kept: [String: Kept] = [:]
        var making: [String: (version: Int, task: Task<Made, any Error>)] = [:]
    }

    private let state = Mutex(State())
    /// Keys kept at most: a memo is for a bounded set of pages (the nation's and the provinces').
    private let capacity: Int

    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The answer kept under `key` for `stamp`, or one still young enough while the answer for
    /// `stamp` is made by `make` and kept for next time.
    func answer(
        _ key: String, stamp: ReportStamp, make: @escaping @Sendable () async throws -> Response
    ) async throws -> Response {
        enum Next {
            case serve(Kept)
            case wait(Task<Made, any Error>)
        }
        let now = ContinuousClock.now
        let next = state.withLock { state -> Next in
            if let kept = state.kept[key], kept.stamp.version >= stamp.version {
                // The same report found again later: the page is as young as that report.
                if kept.stamp.version == stamp.version && kept.stamp.asOf < stamp.asOf { state.kept[key]?.stamp = stamp }
                return .serve(kept)
            }
            let task: Task<Made, any Error>
            if let making = state.making[key], making.version >= stamp.version {
                task = making.task
            } else {
                task = Task { try await self.made(key, stamp: stamp, by: make) }
                state.making[key] = (stamp.version, task)
            }
            if let kept = state.kept[key], kept.stamp.servable(at: now) { return .serve(kept) }
            return .wait(task)
        }
        switch next {
        case .serve(let kept): return kept.response
        case .wait(let task):
            switch try await task.value {
            case .kept(let made): return made.response
            case .once(let response): return response
            }
        }
    }

    /// Makes the answer for `stamp` and keeps it, unless a newer one was kept meanwhile.
    private func made(
        _ key: String, stamp: ReportStamp, by make: @Sendable () async throws -> Response
    ) async throws -> Made {
        defer {
            state.withLock { state in
                if state.making[key]?.version == stamp.version { state.making[key] = nil }
            }
        }
        var response = try await make()
        guard response.status == .ok, response.headers[.contentEncoding] == nil,
              let length = response.body.contentLength, length <= 4 << 20
        else { return .once(response) }
        let body = try await ResponseEconomy.bytes(of: response.body)
        response.headers[.eTag] = ResponseEconomy.tag(body)
        let made = Kept(stamp: stamp, headers: response.headers, body: body)
        state.withLock { state in
            guard state.kept[key].map({ $0.stamp.version < stamp.version }) ?? true else { return }
            if state.kept[key] == nil && state.kept.count >= capacity { state.kept.removeAll(keepingCapacity: true) }
            state.kept[key] = made
        }
        return .kept(made)
    }
}
