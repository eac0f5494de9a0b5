import ElectionCore
import Foundation

/// The hotline's log of enquiries. Logging asks `take-calls` of the call-taker; the article named
/// must be one of the knowledge base's (a library document of kind `faq`).
public protocol HotlineStore: Sendable {
    /// Logs the enquiry (its id is the store's to give) and returns it as stored.
    func logEnquiry(_ enquiry: HotlineEnquiry, by official: Official) async throws -> HotlineEnquiry
    /// The enquiries of the election's local `day`, newest first.
    func enquiries(on day: CalendarDate) async throws -> [HotlineEnquiry]
    /// A page of the enquiries of the election's local `day`, newest first.
    func enquiries(on day: CalendarDate, page: ListPage) async throws -> [HotlineEnquiry]
    /// The day's enquiries counted by topic and channel, counted by the database.
    func tally(on day: CalendarDate) async throws -> HotlineTally
}
