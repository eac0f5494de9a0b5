import ElectionCore
import ElectionStore
import Hummingbird

/// The elections in the API: the list, one election in a record's shape, and two compared. Shares
/// are given exactly (`numerator/denominator` of the valid votes) and as a percentage to two
/// decimals; a figure that was not published is absent.
struct ElectionAPI: Sendable {
    let pages: ElectionPages

    struct Figures: Encodable, Sendable {
        let votes: Int?
        let seats: Int?
        let share: String?
        let sharePercent: String?

        init(_ f: ElectionComparison.Figures) {
            votes = f.votes
            seats = f.seats
            share = f.share.map { "\($0.numerator)/\($0.denominator)" }
            sharePercent = f.share.map { $0.percent(decimals: 2) }
        }
    }
    struct PartyLine: Encodable, Sendable {
        let nameEnglish: String
        let nameKhmer: String
        let abbreviation: String
        /// Absent where the party did not stand.
        let earlier: Figures?
        let later: Figures?
    }
    struct Unit: Encodable, Sendable {
        /// Absent for the nation.
        let constituency: Constituency?
        let earlierTotals: ElectionRecord.Totals
        let laterTotals: ElectionRecord.Totals
        let parties: [PartyLine]

        init(_ u: ElectionComparison.Unit) {
            constituency = u.constituency
            earlierTotals = u.earlierTotals
            laterTotals = u.laterTotals
            parties = u.parties.map {
                PartyLine(nameEnglish: $0.nameEnglish, nameKhmer: $0.nameKhmer, abbreviation: $0.abbreviation,
                          earlier: $0.earlier.map(Figures.init), later: $0.later.map(Figures.init))
            }
        }
    }
    struct Side: Encodable, Sendable {
        let election: ElectionRecord.Definition
        let status: ElectionRecord.Status
        let stationsReported: Int?
        let stationsTotal: Int?

        init(_ r: ElectionRecord) {
            election = r.election
            status = r.status
            stationsReported = r.national.stationsReported
            stationsTotal = r.national.stationsTotal
        }
    }
    struct Comparison: Encodable, Sendable {
        let earlier: Side
        let later: Side
        let national: Unit
        let constituencies: [Unit]
    }

    func addRoutes(to api: RouterGroup<PortalRequestContext>) {
        api.get("elections") { _, _ in try APIJSON.response(try await pages.store.elections()) }
        api.get("elections/:id") { _, context in
            try APIJSON.response(try await pages.recorded(try Input.electionID(context.parameters.get("id"), field: "election")))
        }
        api.get("elections/:id/comparison/:other") { _, context in
            let c = ElectionComparison(
                try await pages.recorded(try Input.electionID(context.parameters.get("id"), field: "election")),
                try await pages.recorded(try Input.electionID(context.parameters.get("other"), field: "election")))
            return try APIJSON.response(Comparison(
                earlier: Side(c.earlier), later: Side(c.later), national: Unit(c.national), constituencies: c.constituencies.map(Unit.init)))
        }
    }
}
