import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The register for officials (bearer token): searching by name, a voter's registration and its
/// changes, registering, moving and removing voters, and the queue of likely duplicates. Each
/// official sees and changes only the voters of their unit.
struct RegisterAPI: Sendable {
    let store: any PortalStore
    let signing: Signing

    struct Registration: Encodable, Sendable {
        let voter: Voter
        let changes: [RegisterChange]
    }
    struct NewVoter: Decodable {
        let voterNumber: String?
        let nameKhmer: String?
        let nameLatin: String?
        let sex: String?
        let dateOfBirth: String?
        let station: String?
        let reason: String?
    }
    struct Move: Decodable {
        let station: String?
        let reason: String?
    }
    struct Removal: Decodable {
        let reason: String?
    }
    struct Decision: Decodable {
        let verdict: String?
        let note: String?
    }

    func addRoutes(to api: RouterGroup<PortalRequestContext>) {
        api.get("register/search") { request, _ in
            let official = try await signing.requireMachine(request)
            let query = Input.query(of: request)
            let search = try RegisterInput.search(
                name: query["name"].map(String.init), born: query["born"].map(String.init), slips: query["slips"].map(String.init))
            let matches = try await store.searchVoters(search).filter { official.may(.seeRegister, on: .station($0.voter.stationCode)) }
            return try ResultsAPI.json(matches)
        }
        api.get("register/voters/:number") { request, context in
            let official = try await signing.requireMachine(request)
            let number = try Input.voterNumber(context.parameters.get("number") ?? "", field: "number")
            let voter = try await store.voter(number)
            try official.require(.seeRegister, on: .station(voter.stationCode))
            return try ResultsAPI.json(Registration(voter: voter, changes: try await store.registerChanges(voter: number)))
        }
        api.post("register/voters") { request, _ in
            let official = try await signing.requireMachine(request)
            let body = try ResultInput.decode(NewVoter.self, from: try await Input.body(of: request).data)
            let voter = try await RegisterInput.newVoter(
                number: body.voterNumber, khmer: body.nameKhmer, latin: body.nameLatin, sex: body.sex,
                born: body.dateOfBirth, station: body.station, store: store)
            let reason = try RegisterInput.reason(body.reason)
            return try ResultsAPI.json(try await store.registerVoter(voter, reason: reason, by: official, at: Date()), status: .created)
        }
        api.post("register/voters/:number/move") { request, context in
            let official = try await signing.requireMachine(request)
            let number = try Input.voterNumber(context.parameters.get("number") ?? "", field: "number")
            let body = try ResultInput.decode(Move.self, from: try await Input.body(of: request).data)
            let station = try await RegisterInput.station(body.station, store: store)
            let reason = try RegisterInput.reason(body.reason)
            return try ResultsAPI.json(try await store.moveVoter(number, to: station, reason: reason, by: official, at: Date()))
        }
        api.post("register/voters/:number/removal") { request, context in
            let official = try await signing.requireMachine(request)
            let number = try Input.voterNumber(context.parameters.get("number") ?? "", field: "number")
            let body = try ResultInput.decode(Removal.self, from: try await Input.body(of: request).data)
            let reason = try RegisterInput.reason(body.reason)
            return try ResultsAPI.json(try await store.removeVoter(number, reason: reason, by: official, at: Date()))
        }
        api.get("register/duplicates") { request, _ in
            let official = try await signing.requireMachine(request)
            let all = Input.query(of: request)["all"] == "true"
            let limit = try Input.integer(Input.query(of: request)["limit"], field: "limit", range: 1...1_000, default: 100)
            return try ResultsAPI.json(try await store.duplicateCases(undecidedOnly: !all, within: official.unitCode, limit: limit))
        }
        api.post("register/duplicates/:id/decision") { request, context in
            let official = try await signing.requireMachine(request)
            guard let id = context.parameters.get("id").flatMap(Int.init), id > 0 else { throw InputError(field: "id", reason: "number") }
            let body = try ResultInput.decode(Decision.self, from: try await Input.body(of: request).data)
            let decision = try RegisterInput.decision(verdict: body.verdict, note: body.note, official: official)
            try await store.decide(duplicateCase: id, decision, by: official)
            return try ResultsAPI.json(try await store.duplicateCase(id))
        }
    }

}

/// Parses officials' register input (API and desk pages alike), naming the field at fault.
enum RegisterInput {
    /// A search by name and, unless an official searches by name alone, date of birth.
    static func search(name: String?, born: String?, slips: String?, limit: Int = 50) throws -> VoterSearch {
        let typed = try Input.fullName(try Input.text(name.map { Substring($0) }, field: "name") ?? "", field: "name")
        let date = try born.flatMap { $0.isEmpty ? nil : $0 }.map {
            try Input.dateOfBirth($0, field: "born", today: CalendarDate(daysSinceEpoch: Int(Date().timeIntervalSince1970 / 86_400)))
        }
        return VoterSearch(name: typed, dateOfBirth: date, toleratesDateSlips: slips == "true" || slips == "on", limit: limit)
    }

    /// A person to add to the register, checked by the same rules as a line of a register file.
    static func newVoter(
        number: String?, khmer: String?, latin: String?, sex: String?, born: String?, station: String?, store: any PortalStore
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
    static func station(_ text: String?, store: any PortalStore) async throws -> StationCode {
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
