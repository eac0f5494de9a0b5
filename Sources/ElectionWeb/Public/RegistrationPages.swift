import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The registration check: two forms, and one answer about one voter.
struct RegistrationPage: Sendable {
    struct Answer: Sendable {
        let found: Bool
        let notFound: Bool
        let ambiguous: Bool
        /// On the register, but after this election's voter list was fixed.
        let nextElection: Bool
        let stationName: String
        let stationAddress: String
        let stationHref: String
        let map: String
    }
    let action: String
    /// What the person typed, shown back in the form (never anything from the register).
    let voterNumber: String
    let name: String
    let dateOfBirth: String
    let error: String?
    let errorField: String?
    let answer: Answer?
    let today: String

    var numberInvalid: Bool { errorField == "voter_number" }
    var nameInvalid: Bool { errorField == "name" }
    var dateInvalid: Bool { errorField == "date_of_birth" }
}

/// The public registration check: a voter asks where they vote, by number or by name and date of
/// birth, and gets one station, or none, never a list. Questions are counted per client.
struct RegistrationPages: PageController {
    let store: any ElectionStore
    let maps: MapCatalogue
    let limiter: LookupLimiter?
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("registration") { _, context in try await registrationForm(context.language) }
        router.post("registration") { request, context in
            try limiter?.count(context)
            return try await checkRegistration(request, context.language)
        }
    }

    func registrationForm(_ language: Language) async throws -> Response {
        page("registration", language.text("registration.title"),
             Self.registrationModel(language, fields: [:], error: nil, answer: nil), language, "/registration")
    }

    func checkRegistration(_ request: Request, _ language: Language) async throws -> Response {
        let body = try await Input.body(of: request)
        let fields = Input.form(String(buffer: body))
        do {
            let question = try Self.registrationQuestion(fields)
            let found = try await store.lookUpRegistration(question)
            let model = Self.registrationModel(language, fields: fields, error: nil, answer: answer(language, found))
            return page("registration", language.text("registration.title"), model, language, "/registration")
        } catch let error as InputError {
            let model = Self.registrationModel(language, fields: fields, error: error, answer: nil)
            return page("registration", language.text("registration.title"), model, language, "/registration",
                        status: .badRequest)
        }
    }

    /// What the registration question's fields are called: in the form, and in the API's JSON.
    struct QuestionFields {
        let voterNumber: String
        let name: String
        let dateOfBirth: String

        static let form = QuestionFields(voterNumber: "voter_number", name: "name", dateOfBirth: "date_of_birth")
        static let json = QuestionFields(voterNumber: "voterNumber", name: "name", dateOfBirth: "dateOfBirth")
    }

    /// The question asked: by number when a number is given, else by name and date of birth.
    /// Errors name the field as the client called it.
    static func registrationQuestion(
        _ fields: [String: Substring], named f: QuestionFields = .form
    ) throws -> RegistrationQuestion {
        let number = try Input.text(fields[f.voterNumber], field: f.voterNumber, required: false)
        let name = try Input.text(fields[f.name], field: f.name, required: false)
        let born = try Input.text(fields[f.dateOfBirth], field: f.dateOfBirth, required: false)
        if let number {
            guard name == nil && born == nil else { throw InputError(field: "", reason: "one_question") }
            return .byNumber(try Input.voterNumber(number, field: f.voterNumber))
        }
        guard let name else {
            throw InputError(field: born == nil ? f.voterNumber : f.name, reason: "missing")
        }
        guard let born else { throw InputError(field: f.dateOfBirth, reason: "missing") }
        return .byName(
            try Input.fullName(name, field: f.name),
            dateOfBirth: try Input.dateOfBirth(born, field: f.dateOfBirth, today: today()))
    }

    static func today() -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    private func answer(_ language: Language, _ answer: RegistrationAnswer) -> RegistrationPage.Answer {
        switch answer {
        case .registered(let station):
            return .init(
                found: true, notFound: false, ambiguous: false, nextElection: false,
                stationName: language.pick(station.nameEnglish, station.nameKhmer),
                stationAddress: language.pick(station.addressEnglish, station.addressKhmer),
                stationHref: "/\(language.rawValue)/stations/\(station.id)",
                map: maps.station(station, language: language))
        case .notFound:
            return .init(found: false, notFound: true, ambiguous: false, nextElection: false, stationName: "", stationAddress: "", stationHref: "", map: "")
        case .ambiguous:
            return .init(found: false, notFound: false, ambiguous: true, nextElection: false, stationName: "", stationAddress: "", stationHref: "", map: "")
        case .nextElection:
            return .init(found: false, notFound: false, ambiguous: false, nextElection: true, stationName: "", stationAddress: "", stationHref: "", map: "")
        }
    }

    private static func registrationModel(
        _ language: Language, fields: [String: Substring], error: InputError?, answer: RegistrationPage.Answer?
    ) -> RegistrationPage {
        RegistrationPage(
            action: "/\(language.rawValue)/registration",
            voterNumber: fields["voter_number"].map(String.init) ?? "",
            name: fields["name"].map(String.init) ?? "",
            dateOfBirth: fields["date_of_birth"].map(String.init) ?? "",
            error: error?.message(in: language), errorField: error?.field,
            answer: answer, today: today().iso)
    }
}
