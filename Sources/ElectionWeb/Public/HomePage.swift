import ElectionCore
import Hummingbird

/// The home page: the election at a glance and where to go next.
struct HomePage: Sendable {
    let electionName: String
    let figures: [Fact]
    let demoNote: String?
    let destinations: [Link]
}

extension PublicPages {
    func home(_ language: Language) async throws -> Response {
        let election = try await store.election()
        let stats = try await store.statistics(countingRegister: false)
        let provenance = try await store.provenance()
        let n = language.number
        var demoNote: String?
        if let official = provenance["official_registered_voters"].flatMap(Int.init), official != stats.registeredVoters {
            demoNote = language.text("home.demo_note")
                .replacingOccurrences(of: "{n}", with: n(stats.registeredVoters))
                .replacingOccurrences(of: "{official}", with: n(official))
        }
        let l = language.rawValue
        let model = HomePage(
            electionName: language.pick(election.nameEnglish, election.nameKhmer),
            figures: [
                .init(label: language.text("home.election_day"), value: language.longDate(election.electionDay)),
                .init(label: language.text("home.polling_hours"), value: "\(election.pollsOpen)–\(election.pollsClose)"),
                .init(label: language.text("home.seats"), value: n(stats.seats)),
                .init(label: language.text("home.parties"), value: n(stats.parties)),
                .init(label: language.text("home.registered_voters"), value: n(stats.registeredVoters)),
                .init(label: language.text("home.polling_stations"), value: n(stats.pollingStations)),
                .init(label: language.text("home.provinces"), value: n(stats.provinces)),
                .init(label: language.text("home.communes"), value: n(stats.communes)),
                .init(label: language.text("home.candidates"), value: n(stats.candidates)),
                .init(label: language.text("home.women_candidates"), value: n(stats.womenCandidates)),
            ],
            demoNote: demoNote,
            destinations: [
                Link(href: "/\(l)/registration", label: language.text("nav.registration"), detail: language.text("home.registration_text")),
                Link(href: "/\(l)/stations", label: language.text("nav.stations"), detail: language.text("home.stations_text")),
                Link(href: "/\(l)/commissions", label: language.text("nav.commissions"), detail: language.text("home.commissions_text")),
                Link(href: "/\(l)/parties", label: language.text("nav.parties"), detail: language.text("home.parties_text")),
                Link(href: "/\(l)/map", label: language.text("nav.map"), detail: language.text("home.map_text")),
                Link(href: "/\(l)/turnout", label: language.text("turnout.title"), detail: language.text("home.turnout_text")),
                Link(href: "/\(l)/library", label: language.text("library.title"), detail: language.text("home.library_text")),
            ])
        return page("home", model.electionName, model, language, "/")
    }
}
