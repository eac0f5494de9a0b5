import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The hotline's log in the JSON API (machine token of a call-taker, `take-calls`).
struct HotlineAPI: Sendable {
    let store: any PortalStore
    let clock: PortalClock

    /// A day's log: the counts and the enquiries, newest first.
    struct DayLog: Encodable {
        let tally: HotlineTally
        let enquiries: [HotlineEnquiry]
    }

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.post("hotline/enquiries") { request, context in
            let official = try context.requireMachine()
            try official.require(.takeCalls, on: .nation)
            let enquiry = try HotlineInput.enquiry(try await APIJSON.decode(HotlineInput.Fields.self, from: request), at: clock.now())
            return try APIJSON.response(try await store.logEnquiry(enquiry, by: official), status: .created)
        }
        router.get("hotline/enquiries") { request, context in
            let official = try context.requireMachine()
            try official.require(.takeCalls, on: .nation)
            let day: CalendarDate
            if let text = Input.query(of: request)["day"] {
                guard let asked = CalendarDate(iso: text) else { throw InputError(field: "day", reason: "calendar_date") }
                day = asked
            } else {
                day = try await store.election().localDay(at: clock.now())
            }
            let page = try Input.page(Input.query(of: request))
            return try APIJSON.response(DayLog(tally: try await store.tally(on: day), enquiries: try await store.enquiries(on: day, page: page)))
        }
    }
}
