import ElectionCore
import Foundation

/// Observer missions: who they are, what they did, where they went, what they saw.
public protocol ObservationStore: Sendable {
    /// Adds a mission with its members. Throws ``StoreError/duplicate(_:_:)`` for an id in use.
    func addMission(_ mission: ObserverMission, members: [MissionMember]) async throws
    func missions() async throws -> [ObserverMission]
    func mission(_ id: MissionID) async throws -> ObserverMission
    /// Members in seat order, the head first; a member with a badge stands where the NEC's record says.
    func members(ofMission id: MissionID) async throws -> [MissionMember]
    /// Says which badge a member holds (nil: none), refused with ``Refusal`` unless the mission
    /// may hold it (``ObserverMission/requireMayHold(_:)``); ``StoreError/duplicate(_:_:)`` when
    /// another member holds it. Returns the member as now stored.
    func linkBadge(_ badge: Int?, seat: Int, ofMission id: MissionID) async throws -> MissionMember
    func addActivities(_ activities: [MissionActivity]) async throws
    func activities(ofMission id: MissionID) async throws -> [MissionActivity]

    /// A bearer token (stored as its digest) for one member to submit checklists.
    func addObserverToken(digest: String, missionID: MissionID, seat: Int) async throws
    func observer(tokenDigest: String) async throws -> MissionMember?

    /// Stores checklist forms (new ids or new versions); a stored version is never changed.
    func saveChecklistForms(_ forms: [ChecklistForm]) async throws
    /// Every version of every form.
    func checklistForms() async throws -> [ChecklistForm]

    /// Records a draw with the stations it gave, and assigns them to a team.
    func recordDraw(missionID: MissionID, team: String, draw: StationDraw, stations: [StationCode], at time: Date) async throws
    /// Adds or replaces a team. Throws ``StoreError/notFound(_:_:)`` for a seat the mission does not have.
    func saveTeam(_ team: ObserverTeam) async throws
    func teams(ofMission id: MissionID) async throws -> [ObserverTeam]
    /// Assigns stations chosen by hand to a team.
    func assignStations(missionID: MissionID, team: String, stations: [StationCode]) async throws
    /// The stations assigned to the mission's teams: its deployment.
    func deployment(ofMission id: MissionID) async throws -> [StationCode: String]
    /// The team a station of the mission's deployment is assigned to; nil when it is not deployed.
    func deployedTeam(station code: StationCode, mission id: MissionID) async throws -> String?
    func addVisits(_ visits: [StationVisit]) async throws
    /// Records one visit sent by a phone. A visit whose ``StationVisit/submissionID`` is already
    /// stored for the mission is `repeated` when its content is the same and changes nothing, and a
    /// ``SubmissionConflict`` when it differs.
    func addVisit(_ visit: StationVisit) async throws -> SubmissionReceipt.Outcome
    func visits(ofMission id: MissionID) async throws -> [StationVisit]
    /// A page of ``visits(ofMission:)``.
    func visits(ofMission id: MissionID, page: ListPage) async throws -> [StationVisit]

    /// Receives checklists in one transaction. A new identifier is stored; the same identifier
    /// with the same content is `repeated` and changes nothing; the same identifier with other
    /// content is a ``SubmissionConflict``. Every payload is kept with who, when and how.
    func receive(_ submissions: [ChecklistSubmission], channel: String, at time: Date) async throws -> [Result<SubmissionReceipt, any Error>]
    func submissions(ofMission id: MissionID) async throws -> [ChecklistSubmission]
    /// Payloads received for the mission, retries included.
    func receiptCount(ofMission id: MissionID) async throws -> Int

    /// Replaces the head of mission's assessment and conclusions.
    func setStatement(_ statement: MissionStatement) async throws
    func statement(ofMission id: MissionID) async throws -> MissionStatement?

    /// Stores a media monitor's record of coverage. One whose ``MediaCoverage/submissionID`` is
    /// already stored for the mission is `repeated` when the same, a ``SubmissionConflict`` when not.
    func addCoverage(_ coverage: MediaCoverage) async throws -> SubmissionReceipt.Outcome
    /// The mission's coverage records, by day, outlet and party.
    func coverage(ofMission id: MissionID) async throws -> [MediaCoverage]
    /// A page of ``coverage(ofMission:)``.
    func coverage(ofMission id: MissionID, page: ListPage) async throws -> [MediaCoverage]

    /// Stores a report and returns it numbered. A report whose ``Incident/submissionID`` is already
    /// stored for the mission is `repeated` when it reports the same thing (the stored one is
    /// returned, unchanged) and a ``SubmissionConflict`` when it differs.
    func addIncident(_ incident: Incident) async throws -> (incident: Incident, outcome: SubmissionReceipt.Outcome)
    func incidents(ofMission id: MissionID) async throws -> [Incident]
    /// A page of the mission's incidents by day and time, those the head rejected left out
    /// unless `includingRejected`.
    func incidents(ofMission id: MissionID, includingRejected: Bool, page: ListPage) async throws -> [Incident]
    /// Records what became of an incident; throws ``StoreError/notFound(_:_:)`` for another mission's.
    func setIncidentStatus(_ id: Int, _ status: Incident.Status, mission: MissionID) async throws -> Incident
}
