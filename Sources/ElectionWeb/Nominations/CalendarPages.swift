import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The election's calendar: each milestone's days, whether it is open today, and the deadlines the
/// NEC moved with its reasons. The NEC's copy has the form to move a deadline.
struct CalendarPage: Sendable {
    struct Row: Sendable {
        let milestone: String
        let key: String
        let opens: String
        /// Nil for a milestone of one day.
        let closes: String?
        let state: String
        let isOpen: Bool
        /// "Moved to … by …: reason", when the NEC moved the deadline.
        let moved: String?
    }
    let lang: String
    let today: String
    let rows: [Row]
    /// The NEC's form, when an NEC official is signed in.
    let override: Override?
    let message: String?

    struct Override: Sendable {
        let csrf: String
        let milestones: [Choice]
    }
}

/// The calendar page, public and at the NEC's desk. The desk route needs ``SessionAuthenticator``.
struct CalendarPages: PageController {
    let store: any ElectionStore & NominationStore
    let renderer: PageRenderer

    /// The public page, under the language group.
    func addPublicRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("calendar") { _, context in
            try await calendarPage(context.language, session: nil, message: nil)
        }
    }

    /// The NEC's copy, under the officials' group.
    func addDeskRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk/calendar") { request, context in
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.overrideDeadline, on: .nation)
            return try await calendarPage(context.language, session: session, message: KeyFamilies.nominationsDone.doneMessage(Input.query(of: request), context.language))
        }
        router.post("desk/calendar") { request, context in
            let (session, fields) = try await context.requireSessionForm(request)
            guard let milestone = fields["milestone"].flatMap(Milestone.init(rawValue:)) else {
                throw InputError(field: "milestone", reason: "choice")
            }
            guard let closes = fields["closes"].flatMap({ CalendarDate(iso: $0) }) else {
                throw InputError(field: "closes", reason: "calendar_date")
            }
            let reason = try Input.longText(fields["reason"], field: "reason", required: true) ?? ""
            try await store.overrideDeadline(milestone, closes: closes, reason: reason, by: session.official, at: Date())
            return Response.redirect(to: "/\(context.language.rawValue)/desk/calendar?done=moved", type: .normal)
        }
    }

    func calendarPage(_ language: Language, session: OfficialSession?, message: String?) async throws -> Response {
        let calendar = try await store.calendar()
        let today = try await store.election().localDay(at: Date())
        let rows = calendar.entries.compactMap { entry -> CalendarPage.Row? in
            guard let window = calendar.window(entry.milestone) else { return nil }
            let moved = calendar.override(of: entry.milestone).map { o in
                language.text("calendar.moved")
                    .replacingOccurrences(of: "{date}", with: language.longDate(o.closes))
                    .replacingOccurrences(of: "{official}", with: o.officialName)
                    .replacingOccurrences(of: "{reason}", with: o.reason)
            }
            return .init(
                milestone: language.text(KeyFamilies.milestone, entry.milestone), key: entry.milestone.rawValue,
                opens: language.longDate(entry.opens),
                closes: window.upperBound == entry.opens ? nil : language.longDate(window.upperBound),
                state: NominationText.state(window, on: today, language), isOpen: window.contains(today), moved: moved)
        }
        let model = CalendarPage(
            lang: language.rawValue, today: language.longDate(today), rows: rows,
            override: session.map { session in
                .init(csrf: session.csrfToken, milestones: calendar.entries.map {
                    .init(value: $0.milestone.rawValue, label: language.text(KeyFamilies.milestone, $0.milestone))
                })
            },
            message: message)
        return page("calendar", language.text("calendar.title"), model, language, session == nil ? "/calendar" : "/desk/calendar")
    }
}
