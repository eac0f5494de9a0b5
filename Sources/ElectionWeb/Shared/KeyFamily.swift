import ElectionCore
import ElectionStore

/// Strings whose key ends in a value known only at run time (`status.accepted`): the family's prefix
/// and every value that can follow it, so every key the code can ask for is known and a test checks
/// each one in both languages.
struct KeyFamily<Value: Sendable>: Sendable {
    let prefix: String
    /// Every value the code can name in this family.
    let values: [Value]
    let suffix: @Sendable (Value) -> String

    /// The key of one value: `prefix.suffix`.
    func key(_ value: Value) -> String { "\(prefix).\(suffix(value))" }

    /// The keys of all the values.
    var keys: [String] { values.map(key) }

    /// The value whose suffix is `text` (a query string's `done=entry`), if the family has one.
    func value(named text: Substring) -> Value? { values.first { suffix($0) == text } }
}

extension KeyFamily where Value: CaseIterable & RawRepresentable<String> {
    /// A family over a domain enum: one key per case, named by its raw value.
    init(_ prefix: String) { self.init(prefix: prefix, values: Array(Value.allCases), suffix: { $0.rawValue }) }
}

extension KeyFamily where Value == String {
    /// A family over a fixed list of names.
    init(_ prefix: String, _ values: [String]) { self.init(prefix: prefix, values: values, suffix: { $0 }) }
}

extension KeyFamily where Value == String {
    /// What a page says after the change it was redirected from (`?done=entry` in `query`), if
    /// the family has that value.
    func doneMessage(_ query: [String: Substring], _ language: Language) -> String? {
        query["done"].flatMap(value(named:)).map { language.text(self, $0) }
    }
}

extension Language {
    /// The string of `value` in `family`, in this language.
    func text<Value>(_ family: KeyFamily<Value>, _ value: Value) -> String { text(family.key(value)) }
}

/// Every family of run-time keys the portal uses.
enum KeyFamilies {
    static let sex = KeyFamily<Sex>("sex")
    static let commissionLevel = KeyFamily<CommissionLevel>("level")
    static let commissionRole = KeyFamily<CommissionRole>("role")
    static let officialRole = KeyFamily<OfficialRole>("role")
    static let formStatus = KeyFamily<FormStatus>("status")
    static let formStatusNote = KeyFamily<FormStatus>("status_note")
    static let refusal = KeyFamily<Refusal.Reason>("refusal")
    static let check = KeyFamily<String>("check", FormCheck.catalogue.map(\.id))
    /// What a check found, with the form's figures (`FormCheck.figures`).
    static let checkFound = KeyFamily<String>("check_found", FormCheck.catalogue.map(\.id))
    static let formField = KeyFamily<String>("form", ResultCounts.fieldNames)
    /// A form's history names its actions by `FormAction.name`.
    static let formAction = KeyFamily<String>("action", formActionNames)
    /// What the desk says after an action (`?done=entry`): the form's actions, and a confirmation.
    static let deskDone = KeyFamily<String>("desk.done", formActionNames + ["confirmed"])
    /// What the register desk says after a change (`?done=moved`).
    static let registerDone = KeyFamily<String>("register.done", ["registered", "moved", "removed", "decided", "fixed"])
    static let registerChange = KeyFamily<RegisterChange.Kind>("change")
    static let closeness = KeyFamily<NameMatch.Closeness>("closeness")
    static let verdict = KeyFamily<DuplicateDecision.Verdict>("verdict")
    static let incidentCategory = KeyFamily<Incident.Category>("category")
    static let incidentKind = KeyFamily<Incident.Kind>("incident_kind")
    static let visitPhase = KeyFamily<VisitPhase>("phase")
    static let incidentSeverity = KeyFamily<Incident.Severity>("severity")
    static let incidentStatus = KeyFamily<Incident.Status>("incident_status")
    static let accreditationCategory = KeyFamily<AccreditationCategory>("accreditation_category")
    static let applicationState = KeyFamily<AccreditationApplication.Status>("accreditation_status")
    /// Why a line of an organisation's file was refused.
    static let accreditationRejection = KeyFamily<AccreditationFile.Rejection.Reason>("accreditation_rejection")
    /// The columns of an organisation's file, named in refusals.
    static let accreditationColumn = KeyFamily<String>("accreditation_column", AccreditationFile.header)
    /// What the accreditation desk says after a decision (`?done=accepted`).
    static let accreditationDone = KeyFamily<String>("accreditation_done", ["accepted", "refused", "more-information", "revoked", "registered", "registration-refused"])
    static let accreditation = KeyFamily<Accreditation>("accreditation")
    static let tone = KeyFamily<MediaCoverage.Tone>("tone")
    static let organisationKind = KeyFamily<AccreditingOrganisation.Kind>("organisation_kind")
    static let registration = KeyFamily<AccreditingOrganisation.Registration>("organisation_registration")
    static let activity = KeyFamily<MissionActivity.Kind>("activity")
    /// The things the store names when it finds nothing or finds one already (`StoreError`).
    static let storeKind = KeyFamily<String>("kind", [
        "province", "commune", "polling station", "commission", "party", "voter", "account", "mission",
        "incident", "publication", "duplicate case", "unit (the NEC has none)", "constituency", "party application",
        "milestone", "candidate", "commission member", "election", "election record", "organisation", "code of conduct", "application", "airtime",
        "badge", "mission member", "document", "complaint", "evidence", "quick-count sample", "station of the quick-count sample",
    ])
    static let milestone = KeyFamily<Milestone>("milestone")
    /// The seat methods an election may name, as `SeatMethod(name:)` reads them.
    static let seatMethod = KeyFamily<String>("seat_method", SeatMethod.names)
    /// Where a threshold is measured, as a clause with `{percent}`.
    static let thresholdScope = KeyFamily<SeatRules.Scope>("seat_threshold")
    /// What settles a tie for the last seats, as a clause.
    static let seatTies = KeyFamily<SeatRules.Ties>("seat_ties")
    /// How far a kept election's figures go.
    static let recordStatus = KeyFamily<ElectionRecord.Status>("elections.status")
    static let nominationRule = KeyFamily<NominationRule>("nomination")
    static let applicationStatus = KeyFamily<PartyApplication.Status>("application")
    static let candidateChange = KeyFamily<CandidateChange.Kind>("candidate_change")
    static let geographyAction = KeyFamily<GeographyChange.Action>("geography")
    static let commissionRule = KeyFamily<CommissionRule>("commission_rule")
    static let commissionAction = KeyFamily<CommissionChange.Action>("commission_change")
    /// What a commission's desk page says after a change (`?done=appointed`).
    static let commissionsDone = KeyFamily<String>("commission_keeping.done", ["appointed", "removed"])
    /// What the station pages say after a change (`?done=added`).
    static let stationsDone = KeyFamily<String>("keeping.done", [
        "added", "edited", "retired", "commune-added", "commune-edited", "commune-retired"])
    /// A commune's kind, as the gazetteer names it.
    static let communeKind = KeyFamily<String>("commune_kind", CommuneDetails.kinds)
    /// What the parties' and calendar pages say after a change (`?done=filed`).
    static let nominationsDone = KeyFamily<String>("nominations.done", [
        "filed", "rejected", "drawn", "withdrawn", "replaced", "submitted", "moved"])
    /// A register line's faults, as input reasons (`reason.register.under_age`).
    static let registerRejection = KeyFamily<RowRejection.Code>("reason.register")
    /// A checklist answer's faults, as input reasons (`reason.checklist.out-of-range`).
    static let checklistProblem = KeyFamily<ChecklistProblem.Reason>("reason.checklist")

    /// Election day: a station report's kind, an incident's category, why the day's rules refused
    /// a report, an alert, and what the dashboard says after a publication (`?done=published`).
    static let stationReportKind = KeyFamily<StationReport.Kind>("election_day.kind")
    static let stationIncident = KeyFamily<StationReport.IncidentCategory>("station_incident")
    static let stationReportRule = KeyFamily<StationReportRefusal.Rule>("station_report_rule")
    static let electionDayAlert = KeyFamily<ElectionDayAlert.Kind>("election_day.alert")
    static let electionDayDone = KeyFamily<String>("election_day.done", ["published"])
    /// What kind of document of the library.
    static let documentKind = KeyFamily<LibraryDocument.Kind>("document_kind")
    /// What the station finder may ask a station to offer.
    static let accessNeed = KeyFamily<StationAccessibility.Need>("stations.access_need")
    /// What a complaint is about, where it stands, what was decided and how it came.
    static let complaintCategory = KeyFamily<ComplaintCategory>("complaint.category")
    static let complaintStatus = KeyFamily<ComplaintStatus>("complaint.status")
    static let complaintOutcome = KeyFamily<ComplaintOutcome>("complaint.outcome")
    static let complaintChannel = KeyFamily<Complaint.Channel>("complaint.channel")
    /// How an enquiry reached the hotline, and what it was about.
    static let hotlineChannel = KeyFamily<HotlineEnquiry.Channel>("hotline.channel")
    static let hotlineTopic = KeyFamily<HotlineEnquiry.Topic>("hotline.topic")
    /// Why an evidence file was refused (the reason of an `InputError` on `evidence`).
    static let evidenceProblem = KeyFamily<ComplaintEvidence.Problem>("reason.evidence")

    private static let formActionNames = ["entry", "resolution", "acknowledgement", "correction"]

    /// Every key of every family (a test checks that every family above is listed).
    static let quickCountStrata = KeyFamily<StationDraw.Strata>("quickcount_strata")
    /// Why a new password was refused (the reason of an `InputError` on `new_password`).
    static let passwordProblem = KeyFamily<PasswordRule.Problem>("reason.password")
    /// A line of an account's log.
    static let accountEvent = KeyFamily<AccountEvent.Kind>("account.event")

    static let allKeys: [String] = [
        quickCountStrata.keys, passwordProblem.keys, accountEvent.keys,
        sex.keys, commissionLevel.keys, commissionRole.keys, officialRole.keys, formStatus.keys, formStatusNote.keys,
        refusal.keys, check.keys, checkFound.keys, formField.keys, formAction.keys, deskDone.keys, registerDone.keys, registerChange.keys,
        closeness.keys, verdict.keys, incidentCategory.keys, incidentKind.keys, incidentSeverity.keys, incidentStatus.keys, accreditationCategory.keys, applicationState.keys, accreditationRejection.keys, accreditationColumn.keys, accreditationDone.keys, visitPhase.keys, accreditation.keys, tone.keys, organisationKind.keys, registration.keys, activity.keys, storeKind.keys,
        registerRejection.keys, checklistProblem.keys, milestone.keys, nominationRule.keys, applicationStatus.keys,
        candidateChange.keys, nominationsDone.keys, geographyAction.keys, stationsDone.keys,
        commissionRule.keys, commissionAction.keys, commissionsDone.keys, recordStatus.keys, communeKind.keys, seatMethod.keys, thresholdScope.keys, seatTies.keys,
        stationReportKind.keys, stationIncident.keys, stationReportRule.keys, electionDayAlert.keys, electionDayDone.keys, accessNeed.keys, documentKind.keys,
        complaintCategory.keys, complaintStatus.keys, complaintOutcome.keys, complaintChannel.keys, evidenceProblem.keys, hotlineChannel.keys, hotlineTopic.keys,
    ].flatMap { $0 }
}
