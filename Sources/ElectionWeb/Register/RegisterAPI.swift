import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The register for officials (bearer token): searching by name, a voter's registration and its
/// changes, registering, moving and removing voters, and the queue of likely duplicates. Each
/// official sees and changes only the voters of their unit.
/// Its routes need ``MachineAuthenticator`` in front.
struct RegisterAPI: Sendable {
    let store: any ElectionStore & RegisterStore

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

    /// Where this election's voter list stands: `fixed`, and when it is, when, by whom, how many.
    struct VoterListState: Encodable {
        let fixed: Bool
        let fixing: VoterListFixing?
    }

    func addRoutes(to api: RouterGroup<PortalRequestContext>) {
        api.get("register/voter-list") { _, context in
            _ = try context.requireMachine()
            let fixing = try await store.voterListFixing()
            return try APIJSON.response(VoterListState(fixed: fixing != nil, fixing: fixing))
        }
        api.post("register/voter-list") { _, context in
            let official = try context.requireMachine()
            let fixing = try await store.fixVoterList(by: official, at: Date())
            return try APIJSON.response(VoterListState(fixed: true, fixing: fixing), status: .created)
        }
        api.get("register/search") { request, context in
            let official = try context.requireMachine()
            let query = Input.query(of: request)
            let search = try RegisterInput.search(
                name: query["name"].map(String.init), born: query["born"].map(String.init), slips: try Input.flag(query["slips"], field: "slips"))
            let matches = try await store.searchVoters(search).filter { official.may(.seeRegister, on: .station($0.voter.stationCode)) }
            return try APIJSON.response(matches)
        }
        api.get("register/voters/:number") { request, context in
            let official = try context.requireMachine()
            let number = try Input.voterNumber(context.parameters.get("number") ?? "", field: "number")
            let voter = try await store.voter(number)
            try official.require(.seeRegister, on: .station(voter.stationCode))
            return try APIJSON.response(Registration(voter: voter, changes: try await store.registerChanges(voter: number)))
        }
        api.post("register/voters") { request, context in
            let official = try context.requireMachine()
            let body = try await APIJSON.decode(NewVoter.self, from: request)
            let voter = try await RegisterInput.newVoter(
                number: body.voterNumber, khmer: body.nameKhmer, latin: body.nameLatin, sex: body.sex,
                born: body.dateOfBirth, station: body.station, store: store)
            let reason = try RegisterInput.reason(body.reason)
            return try APIJSON.response(try await store.registerVoter(voter, reason: reason, by: official, at: Date()), status: .created)
        }
        api.post("register/voters/:number/move") { request, context in
            let official = try context.requireMachine()
            let number = try Input.voterNumber(context.parameters.get("number") ?? "", field: "number")
            try official.require(.changeRegister, on: .station(try await store.voter(number).stationCode))
            let body = try await APIJSON.decode(Move.self, from: request)
            let station = try await RegisterInput.station(body.station, store: store)
            let reason = try RegisterInput.reason(body.reason)
            return try APIJSON.response(try await store.moveVoter(number, to: station, reason: reason, by: official, at: Date()))
        }
        api.post("register/voters/:number/removal") { request, context in
            let official = try context.requireMachine()
            let number = try Input.voterNumber(context.parameters.get("number") ?? "", field: "number")
            try official.require(.changeRegister, on: .station(try await store.voter(number).stationCode))
            let body = try await APIJSON.decode(Removal.self, from: request)
            let reason = try RegisterInput.reason(body.reason)
            return try APIJSON.response(try await store.removeVoter(number, reason: reason, by: official, at: Date()))
        }
        api.get("register/duplicates") { request, context in
            let official = try context.requireMachine()
            let all = try Input.flag(Input.query(of: request)["all"], field: "all")
            let limit = try Input.integer(Input.query(of: request)["limit"], field: "limit", range: 1...1_000, default: 100)
            return try APIJSON.response(try await store.duplicateCases(undecidedOnly: !all, within: official.unitCode, limit: limit))
        }
        api.post("register/duplicates/:id/decision") { request, context in
            let official = try context.requireMachine()
            guard let id = context.parameters.get("id").flatMap(Int.init), id > 0 else { throw InputError(field: "id", reason: "number") }
            let body = try await APIJSON.decode(Decision.self, from: request)
            let decision = try RegisterInput.decision(verdict: body.verdict, note: body.note, official: official)
            try await store.decide(duplicateCase: id, decision, by: official)
            return try APIJSON.response(try await store.duplicateCase(id))
        }
    }
}
