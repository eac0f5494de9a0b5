import ElectionCore
import ElectionStore
import Foundation

/// Takes officials' form actions as they arrive and hands them to the store in groups: while one
/// group is being written, the next collects, and one transaction (one disk flush) then
/// acknowledges the whole group. Each caller gets its own outcome once its group is on disk.
actor FormDesk {
    private let store: any ResultStore
    private let written: @Sendable () async -> Void
    private var waiting: [(FormRequest, CheckedContinuation<ResultFormVersion, any Error>)] = []
    private var writing = false
    /// Most actions written in one transaction.
    private let groupLimit: Int

    /// `written` runs after each group is on disk (the results cache forgets its report).
    init(store: any ResultStore, groupLimit: Int = 256, written: @escaping @Sendable () async -> Void = {}) {
        self.store = store
        self.groupLimit = groupLimit
        self.written = written
    }

    /// Applies one action; returns the form as it stands after it, once durable.
    func submit(_ request: FormRequest) async throws -> ResultFormVersion {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((request, continuation))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(groupLimit))
            waiting.removeFirst(group.count)
            do {
                let outcomes = try await store.apply(group.map(\.0), at: Date())
                await written()
                for ((_, continuation), outcome) in zip(group, outcomes) { continuation.resume(with: outcome) }
            } catch {
                for (_, continuation) in group { continuation.resume(throwing: error) }
            }
        }
        writing = false
    }
}
