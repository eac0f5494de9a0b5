import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The calendar and the ballot draws (public), and candidate-list submission (a party's agent by
/// their code, or an NEC machine token) under `/api/v1`.
struct NominationAPI: Sendable {
    let store: any ElectionStore & NominationStore

    struct Milestone: Encodable {
        let milestone: String
        let opens: String
        let closes: String
        /// The deadline as the calendar first had it, when the NEC moved it.
        let plannedCloses: String?
        let overrideReason: String?
        let isOpen: Bool
    }
    struct Calendar: Encodable {
        let today: String
        let milestones: [Milestone]
    }
    struct Draw: Encodable {
        let seed: String
        let parties: [Int]
        let ballotOrder: [Int]
        let drawnBy: String
        let drawnAt: Date
    }
    struct ListBody: Decodable {
        struct Candidate: Decodable {
            let voterNumber: String?
            let name: String?
            let nationalByBirth: Bool?
        }
        let candidates: [Candidate]?
    }
    struct Accepted: Encodable {
        struct Candidate: Encodable {
            let position: Int
            let name: String
            let nameLatin: String
            let sex: String
            let ageOnElectionDay: Int
            let reserve: Bool
        }
        let party: Int
        let constituency: String
        let candidates: [Candidate]
    }
    struct Refused: Encodable {
        struct Body: Encodable {
            let status: Int
            let field: String
            let message: String
        }
        struct Problem: Encodable {
            let position: Int?
            let candidate: String?
            let rule: String
            let message: String
        }
        let error: Body
        let problems: [Problem]
    }

    /// The public routes.
    func addPublicRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("calendar") { _, _ in
            let calendar = try await store.calendar()
            let today = try await store.election().localDay(at: Date())
            return try APIJSON.response(Calendar(today: today.iso, milestones: calendar.entries.compactMap { entry in
                guard let window = calendar.window(entry.milestone) else { return nil }
                let moved = calendar.override(of: entry.milestone)
                return Milestone(
                    milestone: entry.milestone.rawValue, opens: window.lowerBound.iso, closes: window.upperBound.iso,
                    plannedCloses: moved.map { _ in entry.closes.iso }, overrideReason: moved?.reason, isOpen: window.contains(today))
            }))
        }
        router.get("ballot-draws") { _, _ in
            try APIJSON.response(try await store.ballotDraws().map {
                Draw(seed: String($0.draw.seed), parties: $0.draw.parties.map(\.rawValue), ballotOrder: $0.order.map(\.rawValue),
                     drawnBy: $0.officialName, drawnAt: $0.drawnAt)
            })
        }
    }

    /// The list submission; needs ``MachineAuthenticator`` and ``PartyAgentAuthenticator`` (bearer) in front.
    func addNominatorRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.post("parties/:id/lists/:province") { request, context in
            let nominator = try context.requireNominator()
            let party = try Input.partyNumber(context.parameters.get("id"))
            let province = try Input.code(context.parameters.get("province"), as: ProvinceCode.self, field: "province")
            let body = try await APIJSON.decode(ListBody.self, from: request)
            guard let rows = body.candidates else { throw InputError(field: "candidates", reason: "missing") }
            let nominees = try rows.enumerated().map { index, row in
                try ListForm.nominee(voterNumber: row.voterNumber, name: row.name, national: row.nationalByBirth ?? false,
                                     fields: (voter: "candidates.\(index).voterNumber", name: "candidates.\(index).name"))
            }
            let language = Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
            do {
                let candidates = try await store.submitList(
                    CandidateListSubmission(party: party, constituency: province, nominees: nominees), by: nominator, at: Date())
                let election = try await store.election()
                let seats = try await store.constituency(province).seats
                return try APIJSON.response(Accepted(
                    party: party.rawValue, constituency: province.rawValue,
                    candidates: candidates.map {
                        .init(position: $0.listPosition, name: $0.name.khmer, nameLatin: $0.name.latin, sex: $0.sex.rawValue,
                              ageOnElectionDay: $0.dateOfBirth.age(on: election.electionDay), reserve: $0.listPosition > seats)
                    }), status: .created)
            } catch let refused as NominationProblems {
                let messages = NominationText.messages(refused.problems, in: language)
                return try APIJSON.response(Refused(
                    error: .init(status: 422, field: "candidates", message: messages.joined(separator: " ")),
                    problems: zip(refused.problems, messages).map {
                        .init(position: $0.position, candidate: $0.candidate, rule: $0.rule.rawValue, message: $1)
                    }), status: .unprocessableContent)
            }
        }
    }
}
