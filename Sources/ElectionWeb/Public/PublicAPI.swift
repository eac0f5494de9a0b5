import ElectionCore
import ElectionStore
import Foundation
import HTTPTypes
import Hummingbird

/// The public part of the JSON API under `/api/v1` (described in `Assets/openapi.json`): the
/// election, its places, commissions, parties and candidates, and the registration check. It
/// answers the same questions as the public pages, from the same store.
struct PublicAPI: Sendable {
    let store: any ElectionStore
    let directory: StationDirectory
    let limiter: LookupLimiter?

    /// How many stations a search matches in all, beside the page of them in the body.
    static let totalCount = HTTPField.Name("X-Total-Count")!

    struct ElectionSummary: Encodable, Sendable {
        let election: Election
        let statistics: ElectionStatistics
        let provenance: [String: String]
    }
    struct ProvinceDetail: Encodable, Sendable {
        let province: Constituency
        let communes: [Commune]
    }
    struct CommuneDetail: Encodable, Sendable {
        let commune: Commune
        let pollingStations: [PollingStation]
    }
    struct StationDetail: Encodable, Sendable {
        let pollingStation: PollingStation
        let commune: Commune
        let province: Constituency
        let commission: Commission
        let members: [PublicMember]
    }
    struct NearStation: Encodable, Sendable {
        let pollingStation: PollingStation
        let distanceMetres: Int
    }
    /// A commission member as the public sees them.
    struct PublicMember: Encodable, Sendable {
        let seat: Int
        let role: CommissionRole
        let name: PersonName
        let sex: Sex
    }
    struct CommissionDetail: Encodable, Sendable {
        let commission: Commission
        let members: [PublicMember]
    }
    /// A candidate as published: the age on election day, not the date of birth.
    struct PublicCandidate: Encodable, Sendable {
        let listPosition: Int
        let name: PersonName
        let sex: Sex
        let ageOnElectionDay: Int
        let reserve: Bool
    }
    struct CandidateList: Encodable, Sendable {
        let party: Party
        let province: Constituency
        let candidates: [PublicCandidate]
    }
    struct RegistrationRequest: Decodable {
        let voterNumber: String?
        let name: String?
        let dateOfBirth: String?
    }
    struct RegistrationResponse: Encodable, Sendable {
        /// `registered`, `not-found` or `ambiguous`.
        let status: String
        let pollingStation: PollingStation?
        let message: String
    }

    func addRoutes(to api: RouterGroup<PortalRequestContext>) {
        api.get("election") { _, _ in
            try APIJSON.response(ElectionSummary(
                election: try await store.election(), statistics: try await store.statistics(countingRegister: false),
                provenance: try await store.provenance()))
        }
        api.get("statistics") { _, _ in try APIJSON.response(try await store.statistics(countingRegister: false)) }
        api.get("provinces") { _, _ in try APIJSON.response(try await store.constituencies()) }
        api.get("provinces/:code") { _, context in
            let code = try Input.code(context.parameters.get("code"), as: ProvinceCode.self)
            return try APIJSON.response(ProvinceDetail(
                province: try await store.constituency(code), communes: try await store.communes(inProvince: code)))
        }
        api.get("provinces/:code/stations") { _, context in
            try APIJSON.response(try await store.pollingStations(inProvince: Input.code(context.parameters.get("code"), as: ProvinceCode.self)))
        }
        api.get("communes/:code") { _, context in
            let code = try Input.code(context.parameters.get("code"), as: CommuneCode.self)
            return try APIJSON.response(CommuneDetail(
                commune: try await store.commune(code), pollingStations: try await store.pollingStations(inCommune: code)))
        }
        api.get("stations") { request, _ in
            let q = Input.query(of: request)
            let name: String
            do {
                name = try Input.text(q["name"], field: "name") ?? ""
            } catch let error as InputError {
                throw InputError(field: "name", reason: error.reason, label: "q")
            }
            let limit = try Input.integer(q["limit"], field: "limit", range: 1...500, default: 50)
            let offset = try Input.integer(q["offset"], field: "offset", range: 0...100_000, default: 0)
            let province = try q["province"].flatMap { $0.isEmpty ? nil : try Input.code(String($0), as: ProvinceCode.self, field: "province") }
            let found = try await directory.search(name, province: province, need: try Input.need(q["access"]), offset: offset, limit: limit)
            var response = try APIJSON.response(found.stations.map(\.station))
            response.headers[Self.totalCount] = String(found.total)
            return response
        }
        api.get("stations/nearest") { request, _ in
            let q = Input.query(of: request)
            let point = GeoPoint(
                latitude: try Input.latitude(q["lat"]),
                longitude: try Input.longitude(q["lon"]))
            let limit = try Input.integer(q["limit"], field: "limit", range: 1...100, default: 10)
            let need = try Input.need(q["access"])
            return try APIJSON.response(try await store.nearestPollingStations(to: point, limit: limit, meeting: need).map {
                NearStation(pollingStation: $0, distanceMetres: Int(point.distance(to: $0.position).rounded()))
            })
        }
        api.get("stations/:code") { _, context in
            let code = try Input.code(context.parameters.get("code"), as: StationCode.self)
            let station = try await store.pollingStation(code)
            let commune = try await store.commune(station.communeCode)
            let commissionID = Commission.id(level: .pollingStation, unitCode: .station(code))
            return try APIJSON.response(StationDetail(
                pollingStation: station, commune: commune, province: try await store.constituency(commune.provinceCode),
                commission: try await store.commission(commissionID),
                members: try await members(commissionID)))
        }
        api.get("commissions") { request, _ in
            let q = Input.query(of: request)
            guard let level = CommissionLevel(rawValue: String(q["level"] ?? "national")) else {
                throw InputError(field: "level", reason: "level")
            }
            let within = try Input.text(q["within"], field: "code", required: false)
            if let within, !within.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw InputError(field: "code", reason: "code")
            }
            return try APIJSON.response(try await store.commissions(level: level, within: within))
        }
        api.get("commissions/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard id.count <= 20 else { throw InputError(field: "code", reason: "code") }
            return try APIJSON.response(CommissionDetail(commission: try await store.commission(id), members: try await members(id)))
        }
        api.get("parties") { _, _ in try APIJSON.response(try await store.parties()) }
        api.get("parties/:id") { _, context in try APIJSON.response(try await store.party(Input.partyNumber(context.parameters.get("id")))) }
        api.get("parties/:id/lists/:province") { _, context in
            let id = try Input.partyNumber(context.parameters.get("id"))
            let province = try await store.constituency(Input.code(context.parameters.get("province"), as: ProvinceCode.self))
            let day = try await store.election().electionDay
            let candidates = try await store.candidates(party: id, constituency: province.id).map {
                PublicCandidate(
                    listPosition: $0.listPosition, name: $0.name, sex: $0.sex,
                    ageOnElectionDay: $0.dateOfBirth.age(on: day), reserve: $0.listPosition > province.seats)
            }
            return try APIJSON.response(CandidateList(party: try await store.party(id), province: province, candidates: candidates))
        }
        api.get("candidates/women") { _, _ in try APIJSON.response(try await store.womenCandidateCounts()) }
        api.post("registration") { request, context in
            try limiter?.count(context)
            let language = Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
            let body = try await Input.body(of: request)
            guard let parsed = try? APIJSON.decode(RegistrationRequest.self, from: body.data) else {
                throw InputError(field: "body", reason: "json")
            }
            var fields: [String: Substring] = [:]
            fields["voterNumber"] = parsed.voterNumber.map { Substring($0) }
            fields["name"] = parsed.name.map { Substring($0) }
            fields["dateOfBirth"] = parsed.dateOfBirth.map { Substring($0) }
            let question = try RegistrationPages.registrationQuestion(fields, named: .json)
            switch try await store.lookUpRegistration(question) {
            case .registered(let station):
                return try APIJSON.response(RegistrationResponse(
                    status: "registered", pollingStation: station, message: language.text("registration.found")))
            case .notFound:
                return try APIJSON.response(RegistrationResponse(
                    status: "not-found", pollingStation: nil,
                    message: language.text("registration.not_found") + " " + language.text("registration.not_found_next")))
            case .ambiguous:
                return try APIJSON.response(RegistrationResponse(
                    status: "ambiguous", pollingStation: nil,
                    message: language.text("registration.ambiguous") + " " + language.text("registration.ambiguous_next")))
            case .nextElection:
                return try APIJSON.response(RegistrationResponse(
                    status: "next-election", pollingStation: nil, message: language.text("registration.next_election")))
            }
        }
    }

    private func members(_ commissionID: String) async throws -> [PublicMember] {
        try await store.members(ofCommission: commissionID).map {
            PublicMember(seat: $0.seat, role: $0.role, name: $0.name, sex: $0.sex)
        }
    }
}
