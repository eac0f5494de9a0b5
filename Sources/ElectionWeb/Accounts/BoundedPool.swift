import Foundation
import Synchronization

/// Runs slow work (bcrypt checks) at most `width` at a time, off the tasks that serve requests,
/// with at most `waiting` more queued; past that a caller is turned away at once.
final class BoundedPool: Sendable {
    let width: Int
    let waiting: Int
    private let state = Mutex<(running: Int, queue: [CheckedContinuation<Void, Never>])>((0, []))

    init(width: Int, waiting: Int) {
        self.width = width
        self.waiting = waiting
    }

    /// Runs `work` on a thread of its own once a place is free; throws ``TooManyLookups`` when the
    /// queue is full.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        try await enter()
        defer { leave() }
        return await Task.detached { work() }.value
    }

    private func enter() async throws {
        let admitted = state.withLock { s -> Bool? in
            if s.running < width { s.running += 1; return true }
            return s.queue.count < waiting ? nil : false
        }
        if admitted == true { return }
        if admitted == false { throw TooManyLookups() }
        await withCheckedContinuation { (place: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if s.running < width { s.running += 1; return true }
                s.queue.append(place)
                return false
            }
            if now { place.resume() }
        }
    }

    /// Frees a place, handing it straight to the longest waiting caller if there is one.
    private func leave() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if s.queue.isEmpty { s.running -= 1; return nil }
            return s.queue.removeFirst()
        }
        next?.resume()
    }

    /// Checks running and waiting now.
    var load: (running: Int, waiting: Int) { state.withLock { ($0.running, $0.queue.count) } }
}
