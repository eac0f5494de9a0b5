import ElectionCore
import ElectionStore
import Foundation

/// Takes writes as they arrive and hands them to the store in groups: while one group is being
/// written, the next collects, and one transaction (one disk flush) then acknowledges the whole
/// group. Each caller gets its own outcome once its group is on disk.
actor GroupWriter<Item: Sendable, Outcome: Sendable> {
    private let write: @Sendable ([Item]) async throws -> [Result<Outcome, any Error>]
    private let written: @Sendable () async -> Void
    private var waiting: [(Item, CheckedContinuation<Outcome, any Error>)] = []
    private var writing = false
    /// Most items written in one transaction.
    private let groupLimit: Int

    /// `write` stores a group in one transaction, an outcome per item; `written` runs after each
    /// group is on disk (the results cache forgets its report).
    init(
        groupLimit: Int = 256, write: @escaping @Sendable ([Item]) async throws -> [Result<Outcome, any Error>],
        written: @escaping @Sendable () async -> Void = {}
    ) {
        self.write = write
        self.groupLimit = groupLimit
        self.written = written
    }

    /// Writes one item; returns its outcome once durable.
    func submit(_ item: Item) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((item, continuation))
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
                let outcomes = try await write(group.map(\.0))
                await written()
                for ((_, continuation), outcome) in zip(group, outcomes) { continuation.resume(with: outcome) }
            } catch {
                for (_, continuation) in group { continuation.resume(throwing: error) }
            }
        }
        writing = false
    }
}

/// Officials' form actions, a group per transaction.
typealias FormDesk = GroupWriter<FormRequest, ResultFormVersion>
/// Observers' checklists, a group per transaction.
typealias ChecklistDesk = GroupWriter<ChecklistSubmission, SubmissionReceipt>
