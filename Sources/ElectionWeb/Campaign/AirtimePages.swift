import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The parties' campaign airtime as published: who is on air when, each party's totals, the seed
/// to draw it again, and the changes with their reasons.
struct AirtimePage: Sendable {
    struct Day: Sendable {
        let day: String
        let broadcasts: [Row]
    }
    struct Row: Sendable {
        let channel: String
        let start: String
        let prime: Bool
        let party: String
    }
    struct Total: Sendable {
        let party: String
        let slots: String
        let minutes: String
        let prime: String
        let calendar: String
    }
    let published: Bool
    let summary: String
    let totals: [Total]
    let days: [Day]
    let changes: [Fact]
}

/// The published schedule, drawn again from the newest publication over the campaign's days.
struct PublishedAirtime: Sendable {
    let store: any ElectionStore & NominationStore & CampaignStore

    /// The newest publication and its schedule; nil before any.
    func current() async throws -> (AirtimePublication, AirtimeSchedule, [AirtimePublication])? {
        let publications = try await store.airtimePublications()
        guard let newest = publications.last, let window = try await store.calendar().window(.campaign) else { return nil }
        let days = window.days
        return (newest, try newest.draw.schedule(days: days), publications)
    }

    func names(_ language: Language) async throws -> [PartyNumber: String] {
        Dictionary(uniqueKeysWithValues: try await store.parties().map { ($0.id, language.pick($0.nameEnglish, $0.nameKhmer)) })
    }
}

struct AirtimePages: PageController {
    let airtime: PublishedAirtime
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("campaign/airtime") { _, context in
            let language = context.language
            guard let (publication, schedule, publications) = try await airtime.current() else {
                return page("airtime", language.text("airtime.title"),
                            AirtimePage(published: false, summary: language.text("airtime.none"), totals: [], days: [], changes: []),
                            language, "/campaign/airtime")
            }
            let names = try await airtime.names(language)
            let nec = language.text("airtime.nec")
            let days = Dictionary(grouping: schedule.broadcasts, by: \.day).sorted { $0.key < $1.key }.map { day, broadcasts in
                AirtimePage.Day(day: language.longDate(day), broadcasts: broadcasts.map {
                    .init(channel: $0.channel, start: language.localDigits($0.start.description), prime: $0.prime,
                          party: $0.party.flatMap { names[$0] } ?? nec)
                })
            }
            let totals = schedule.parties.map { party -> AirtimePage.Total in
                let mine = schedule.broadcasts(of: party)
                return .init(party: names[party] ?? String(party.rawValue), slots: language.number(mine.count),
                             minutes: language.number(mine.count * schedule.minutes), prime: language.number(mine.filter(\.prime).count),
                             calendar: "/api/v1/campaign/airtime.ics?party=\(party.rawValue)")
            }
            let summary = language.text("airtime.summary")
                .replacingOccurrences(of: "{number}", with: language.number(publication.number))
                .replacingOccurrences(of: "{date}", with: language.longDate(try await airtime.store.election().localDay(at: publication.publishedAt)))
                .replacingOccurrences(of: "{seed}", with: String(publication.draw.seed))
                .replacingOccurrences(of: "{minutes}", with: language.number(schedule.minutes))
            let changes = publications.dropFirst().map {
                Fact(label: language.text("airtime.change").replacingOccurrences(of: "{number}", with: language.number($0.number)), value: $0.reason)
            }
            let model = AirtimePage(published: true, summary: summary, totals: totals, days: days, changes: changes)
            return page("airtime", language.text("airtime.title"), model, language, "/campaign/airtime")
        }
    }
}

/// The published airtime as data: JSON, CSV and iCalendar (all, or one party's).
struct AirtimeAPI: Sendable {
    let airtime: PublishedAirtime

    func addRoutes(to api: RouterGroup<PortalRequestContext>) {
        api.get("campaign/airtime") { _, _ in
            guard let (publication, schedule, _) = try await airtime.current() else { throw StoreError.notFound("airtime", "published") }
            return try APIJSON.response(Published(publication: publication, schedule: schedule))
        }
        api.get("campaign/airtime.csv") { _, _ in
            guard let (_, schedule, _) = try await airtime.current() else { throw StoreError.notFound("airtime", "published") }
            return Self.file(schedule.csv(names: try await airtime.names(.english)), type: "text/csv; charset=utf-8", name: "airtime.csv")
        }
        api.get("campaign/airtime.ics") { request, _ in
            guard let (_, schedule, _) = try await airtime.current() else { throw StoreError.notFound("airtime", "published") }
            let party = try Input.query(of: request)["party"].map { text -> PartyNumber in
                guard let n = Int(text).flatMap(PartyNumber.init(rawValue:)), schedule.parties.contains(n) else {
                    throw InputError(field: "party", reason: "choice")
                }
                return n
            }
            let election = try await airtime.store.election()
            let text = schedule.iCalendar(
                of: party, names: try await airtime.names(.english), utcOffsetMinutes: election.utcOffsetMinutes,
                calendarName: "\(election.nameEnglish): airtime", generatedAt: Date())
            return Self.file(text, type: "text/calendar; charset=utf-8", name: "airtime\(party.map { "-\($0.rawValue)" } ?? "").ics")
        }
    }

    struct Published: Encodable {
        let publication: AirtimePublication
        let schedule: AirtimeSchedule
    }

    static func file(_ text: String, type: String, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
