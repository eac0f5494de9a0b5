import ElectionCore
import ElectionStore
import Foundation

/// Parses officials' register input (API and desk pages alike), naming the field at fault.
enum RegisterInput {
    /// A search by name and, unless an official searches by name alone, date of birth.
    static func search(name: String?, born: String?, slips: Bool, limit: Int = 50) throws -> VoterSearch {
        let typed = try Input.fullName(try Input.text(name.map { Substring($0) }, field: "name") ?? "", field: "name")
        let date = try born.flatMap { $0.isEmpty ? nil : $0 }.map {
            try Input.dateOfBirth($0, field: "born", today: CalendarDate(daysSinceEpoch: Int(Date().timeIntervalSince1970 / 86_400)))
        }
        return VoterSearch(name: typed, dateOfBirth: date, toleratesDateSlips: slips, limit: limit)
    }

    /// A person to add to the register, checked by the same rules as a line of a register file.
    static func newVoter(
        number: String?, khmer: String?, latin: String?, sex: String?, born: String?, station: String?, store: any ElectionStore
    ) async throws -> Voter {
        let election = try await store.election()
        let stationCode = station ?? ""
        var known = false
        if let code = StationCode(stationCode) { known = (try? await store.pollingStation(code)) != nil }
        let eligibility = VoterEligibility(
            electionDay: election.electionDay, minimumAge: election.minimumVotingAge, citizenship: election.citizenship)
        let fields = [number ?? "", khmer ?? "", latin ?? "", sex ?? "", born ?? "", stationCode, election.citizenship, ""]
        switch eligibility.voter(from: fields, knownStation: { _ in known }) {
        case .success(let voter): return voter
        case .failure(let rejection):
            let field = ["voter_number": "voterNumber", "name_km": "nameKhmer", "name_latin": "nameLatin", "sex": "sex",
                         "date_of_birth": "dateOfBirth", "station_code": "station"][rejection.field] ?? rejection.field
            throw InputError(field: field, reason: InputError.registerReason(rejection.code))
        }
    }

    /// A polling station to move a voter to: nine digits, and a station of the election.
    static func station(_ text: String?, store: any ElectionStore) async throws -> StationCode {
        let code = try Input.code(text, as: StationCode.self, field: "station")
        do { _ = try await store.pollingStation(code) } catch StoreError.notFound {
            throw InputError(field: "station", reason: InputError.registerReason(.unknownStation))
        }
        return code
    }

    /// Why a voter is registered, moved or removed (named "Reason", not the results desk's "Reason for the correction").
    static func reason(_ text: String?) throws -> String {
        do { return try Input.text(text.map { Substring($0) }, field: "reason") ?? "" } catch let error as InputError {
            throw InputError(field: error.field, reason: error.reason, label: reasonLabel)
        }
    }

    /// The `field.*` string naming the reason of a register change.
    static let reasonLabel = "registerReason"

    static func decision(verdict: String?, note: String?, official: Official) throws -> DuplicateDecision {
        guard let text = verdict, !text.isEmpty else { throw InputError(field: "verdict", reason: "missing") }
        guard let verdict = DuplicateDecision.Verdict(rawValue: text) else { throw InputError(field: "verdict", reason: "choice") }
        let note = try Input.longText(note, field: "note", required: verdict == .unsure) ?? ""
        return DuplicateDecision(verdict: verdict, note: note, official: official.name, at: Date())
    }
}
