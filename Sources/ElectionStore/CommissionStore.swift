import ElectionCore
import Foundation

/// Keeping the commissions' membership current: appointments and removals, each checked against
/// the membership rules (``CommissionCheck``) inside its transaction and recorded with who, when and
/// why. Every write asks ``Official/require(_:on:)`` (``OfficialAction/keepCommissions``) first.
public protocol CommissionStore: Sendable {
    /// How many members a commission has at each tier, as the election defines it.
    func commissionSizes() async throws -> [CommissionLevel: ClosedRange<Int>]
    /// Appoints a registered voter to the commission in a seat never held before. Throws
    /// ``ElectionCore/CommissionProblems`` naming every rule broken.
    func appointMember(_ appointment: Appointment, reason: String, by official: Official, at: Date) async throws -> CommissionMember
    /// Removes the member in `seat`; the others keep their seats.
    func removeMember(commission id: String, seat: Int, reason: String, by official: Official, at: Date) async throws -> CommissionChange
    /// The commission's appointments and removals, oldest first.
    func commissionChanges(of id: String) async throws -> [CommissionChange]
}
