import ElectionCore
import Foundation

/// Complaints lodged with the commissions, their evidence and what became of them. Every change
/// asks its rule in the domain (``Complaint/requireHearing(at:by:)``,
/// ``Complaint/requireDecision(reasons:by:)``, ``Complaint/requireAppeal(phone:reasons:on:)``)
/// inside its transaction.
public protocol ComplaintStore: Sendable {
    /// Lodges a complaint with its evidence files (each already checked with
    /// ``ComplaintEvidence/problem(with:)``): numbers it, gives it its reference and routes it.
    /// `caller` is the hotline's call-taker lodging it on a caller's behalf (`take-calls`).
    /// A mission's incident is lodged once: again, ``StoreError/duplicate(_:_:)``; lodging it marks the incident followed up.
    func lodgeComplaint(_ draft: ComplaintDraft, evidence: [[UInt8]], by caller: Official?, at: Date) async throws -> Complaint
    /// The complaint with this reference (as ``ComplaintReference/normalized(_:)`` gives it).
    func complaint(reference: String) async throws -> Complaint
    func complaint(id: Int) async throws -> Complaint
    /// The complaints handled now within `unit`, newest first.
    func complaints(within unit: UnitCode) async throws -> [Complaint]
    /// A page of the complaints handled now within `unit`, newest first.
    func complaints(within unit: UnitCode, page: ListPage) async throws -> [Complaint]
    /// What each of the complaint's evidence files is (not its bytes).
    func evidence(ofComplaint id: Int) async throws -> [ComplaintEvidence]
    /// One evidence file's bytes, for the commission handling the complaint only.
    func evidenceFile(ofComplaint id: Int, number: Int, by official: Official) async throws -> (ComplaintEvidence, [UInt8])
    /// Sets a hearing at `hearingAt` in `place`; `official` nil for a load from the scenario.
    func setHearing(ofComplaint id: Int, at hearingAt: Date, place: String, by official: Official?, now: Date) async throws -> Complaint
    /// Records the handling commission's decision with its reasons; `official` nil for a load from the scenario.
    func decideComplaint(_ id: Int, _ outcome: ComplaintOutcome, reasons: String, by official: Official?, at: Date) async throws -> Complaint
    /// The complainant's appeal to the commission above, proved with the phone number they gave.
    func appealComplaint(reference: String, phone: String, reasons: String, at: Date) async throws -> Complaint
    /// Public counts of every complaint.
    func complaintStatistics(on today: CalendarDate) async throws -> ComplaintStatistics
}
