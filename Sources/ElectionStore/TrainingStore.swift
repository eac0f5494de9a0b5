import ElectionCore
import Foundation

/// Training of commission members: sessions scheduled and who attended. Every write asks
/// ``Official/require(_:on:)`` (``OfficialAction/keepTraining``) on the session's province (the
/// nation for a national session), unless `official` is nil (the scenario, the command line).
public protocol TrainingStore: Sendable {
    /// Schedules the sessions, each checked with ``TrainingSession/requireHoldable()``, in one
    /// transaction; returns them with the ids the store gave.
    func scheduleTraining(_ sessions: [TrainingSession], by official: Official?) async throws -> [TrainingSession]
    /// The sessions, optionally only those for one province (and the national ones), by day.
    func trainingSessions(province: ProvinceCode?) async throws -> [TrainingSession]
    /// A page of ``trainingSessions(province:)``.
    func trainingSessions(province: ProvinceCode?, page: ListPage) async throws -> [TrainingSession]
    func trainingSession(_ id: Int) async throws -> TrainingSession
    /// Records that the members attended; each must sit on a commission the session trains
    /// (``TrainingSession/trains(_:)``), else a ``Refusal`` naming them. Recording a member again
    /// changes nothing. Returns how many were recorded now.
    func recordAttendance(session id: Int, members: [MemberSeat], by official: Official?) async throws -> Int
    /// Who attended the session.
    func attendance(session id: Int) async throws -> [MemberSeat]
    /// For each tier and province, the members seated now and how many of them have attended a
    /// session for their tier.
    func trainingCoverage() async throws -> [TrainingCoverage]
}
