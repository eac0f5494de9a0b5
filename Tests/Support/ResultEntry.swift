import ElectionCore
import ElectionStore
import ElectionStoreSQL
import Foundation

extension SQLElectionStore {
    /// Enters every form blind, once by each of `officials` in turn, then acknowledges as
    /// `acknowledging` those the checks left waiting: each form accepted at `version`, as a real
    /// count is.
    public func acceptForms(
        _ forms: [(StationCode, ResultCounts)], version: Int = 1, enteredBy officials: [Official], acknowledgedBy acknowledging: Official
    ) async throws {
        var last: [Result<ResultFormVersion, any Error>] = []
        for official in officials {
            last = try await apply(
                forms.map { FormRequest(stationCode: $0.0, expectedVersion: version, action: .enter($0.1), official: official) }, at: Date())
        }
        let waiting = last.compactMap { try? $0.get() }.filter { $0.status == .awaitingAcknowledgement }
        _ = try await apply(
            waiting.map { FormRequest(stationCode: $0.stationCode, expectedVersion: version, action: .acknowledge, official: acknowledging) }, at: Date())
    }
}
