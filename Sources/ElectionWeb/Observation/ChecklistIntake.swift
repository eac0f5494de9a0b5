import ElectionCore
import ElectionStore
import Foundation

/// Checks a checklist, however it came (API or page), against the mission's deployment, the
/// forms and election day, and turns it into a submission; an ``InputError`` names the field.
struct ChecklistIntake: Sendable {
    let store: any ObservationStore
    let reference: ChecklistReference

    /// A checklist's fields as sent.
    struct Fields: Sendable {
        var id: String?
        var station: String?
        var form: String?
        var formVersion: Int?
        var observedOn: String?
        var observedAt: String?
        var answers: ChecklistAnswers
    }

    func submission(_ f: Fields, by observer: MissionMember) async throws -> ChecklistSubmission {
        guard let id = f.id, ChecklistSubmission.isIdentifier(id) else { throw InputError(field: "id", reason: "uuid") }
        let station = try Input.code(f.station, as: StationCode.self, field: "station")
        guard try await store.deployedTeam(station: station, mission: observer.missionID) != nil else {
            throw InputError(field: "station", reason: "not_deployed")
        }
        let form = try await self.form(f.form, f.formVersion)
        let day = try await reference.electionDay()
        guard f.observedOn.flatMap({ CalendarDate(iso: $0) }) == day else { throw InputError(field: "observedOn", reason: "election_day") }
        guard let time = f.observedAt.flatMap(ClockTime.init) else { throw InputError(field: "observedAt", reason: "clock_time") }
        let answers = f.answers.filter { !$0.value.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        if let problem = form.problems(in: answers).first {
            throw InputError(field: "answers.\(problem.question)", reason: InputError.checklistReason(problem.reason), label: "answers")
        }
        return ChecklistSubmission(
            id: id.uppercased(), missionID: observer.missionID, observer: observer.seat, stationCode: station, formID: form.id,
            formVersion: form.version, observedAt: time, answers: answers)
    }

    /// The form with this id and version, or an ``InputError`` naming which is wrong.
    func form(_ id: String?, _ version: Int?) async throws -> ChecklistForm {
        let forms = try await reference.forms(including: id, version: version)
        guard let id, forms.contains(where: { $0.id == id }) else { throw InputError(field: "form", reason: "unknown_form") }
        guard let version, let form = forms.first(where: { $0.id == id && $0.version == version }) else {
            throw InputError(field: "formVersion", reason: "unknown_form")
        }
        return form
    }
}

/// What every checklist is checked against and rarely changes: the forms (a stored version never
/// changes; a version not seen yet is looked for in the store) and election day.
actor ChecklistReference {
    private let store: any ElectionStore & ObservationStore
    private var forms: [ChecklistForm]?
    private var day: CalendarDate?

    init(store: any ElectionStore & ObservationStore) {
        self.store = store
    }

    func forms(including id: String?, version: Int?) async throws -> [ChecklistForm] {
        if let forms, forms.contains(where: { $0.id == id && $0.version == version }) { return forms }
        let fresh = try await store.checklistForms()
        forms = fresh
        return fresh
    }

    func electionDay() async throws -> CalendarDate {
        if let day { return day }
        let fresh = try await store.election().electionDay
        day = fresh
        return fresh
    }
}
