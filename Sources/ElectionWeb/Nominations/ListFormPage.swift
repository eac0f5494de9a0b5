import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// A party's list in one constituency as the one submitting it sees it: the form, the problems of
/// the last try, and (for the NEC) the forms to withdraw or replace a candidate of the list as it stands.
struct ListFormPage: Sendable {
    struct Standing: Sendable {
        let index: Int
        let position: String
        let name: String
        let reserve: Bool
    }
    let lang: String
    let heading: String
    let seatsNote: String
    let nominations: String
    let open: Bool
    let action: String
    let csrf: String
    let problems: [String]
    let hasProblems: Bool
    let form: ListForm
    let back: Link
    let publicList: String
    /// The NEC's changes to a locked list: the list as it stands, with where to send them.
    let standing: [Standing]
    let changeAction: String?
}

/// Builds ``ListFormPage`` for the agent's pages and the NEC's.
struct ListFormBuilder: Sendable {
    let store: any ElectionStore & NominationStore

    func model(
        party: PartyNumber, province: ProvinceCode, language: Language, action: String, csrf: String, back: Link,
        typed: [(voterNumber: String, name: String, national: Bool)]?, problems: [String], necChanges: Bool
    ) async throws -> (title: String, model: ListFormPage) {
        let party = try await store.party(party)
        let constituency = try await store.constituency(province)
        let election = try await store.election()
        let window = try await store.calendar().window(.nominations)
        let today = election.localDay(at: Date())
        let standing = try await store.candidates(party: party.id, constituency: province)
        let current = typed ?? standing.map { ($0.voterNumber?.description ?? "", $0.name.khmer, $0.voterNumber != nil) }
        let partyName = language.pick(party.nameEnglish, party.nameKhmer)
        let provinceName = language.pick(constituency.nameEnglish, constituency.nameKhmer)
        let heading = language.text("candidates.list_of").replacingOccurrences(of: "{party}", with: partyName)
            .replacingOccurrences(of: "{province}", with: provinceName)
        let nominations = NominationText.nominations(window, today: today, language)
        let model = ListFormPage(
            lang: language.rawValue, heading: heading,
            seatsNote: language.text("nominations.seats_rule").replacingOccurrences(of: "{n}", with: language.number(constituency.seats))
                .replacingOccurrences(of: "{min}", with: language.number(election.reserveCandidates.lowerBound))
                .replacingOccurrences(of: "{max}", with: language.number(election.reserveCandidates.upperBound))
                .replacingOccurrences(of: "{age}", with: language.number(election.minimumCandidateAge)),
            nominations: nominations, open: window?.contains(today) ?? true, action: action, csrf: csrf, problems: problems,
            hasProblems: !problems.isEmpty,
            form: ListForm(seats: constituency.seats, election: election, current: current, language: language), back: back,
            publicList: "/\(language.rawValue)/parties/\(party.id)/\(province)",
            standing: necChanges ? standing.map {
                .init(index: $0.listPosition, position: language.number($0.listPosition), name: language.pick($0.name.latin, $0.name.khmer),
                      reserve: $0.listPosition > constituency.seats)
            } : [],
            changeAction: necChanges ? "/\(language.rawValue)/desk/parties/\(party.id)/\(province)" : nil)
        return (heading, model)
    }
}
