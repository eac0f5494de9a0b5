/// Something an official does that not every official may do.
public enum OfficialAction: String, Sendable, Hashable, CaseIterable {
    /// Key in a station's paper result form (first or second entry).
    case enterResult = "enter-result"
    /// Settle a disputed form with the paper's figures.
    case resolveDispute = "resolve-dispute"
    /// Accept a form's warning findings after checking them against the paper.
    case acknowledgeWarnings = "acknowledge-warnings"
    /// Open a new version of an accepted form.
    case correctResult = "correct-result"
    /// Confirm a province's complete count.
    case confirmProvince = "confirm-province"
    /// Confirm the nation's complete count.
    case confirmNation = "confirm-nation"
    /// Publish the results as they stand.
    case publishResults = "publish-results"
    /// See voters' personal data (names, dates of birth) on the register.
    case seeRegister = "see-register"
    /// Register, move or remove a voter.
    case changeRegister = "change-register"
    /// Decide a case of possible duplicate registrations.
    case decideDuplicate = "decide-duplicate"
    /// Record a party's application and decide it.
    case decideParty = "decide-party"
    /// Submit a party's candidate list on its behalf, withdraw or replace a candidate.
    case keepCandidateLists = "keep-candidate-lists"
    /// Move a deadline of the calendar, with a reason.
    case overrideDeadline = "override-deadline"
    /// Draw the parties' order on the ballot.
    case drawBallotOrder = "draw-ballot-order"
    /// Add, edit or retire a polling station.
    case keepStations = "keep-stations"
    /// Add, edit or retire a commune (with its commission).
    case keepCommunes = "keep-communes"
    /// Fix this election's voter list from the register once registration has closed.
    case fixVoterList = "fix-voter-list"
    /// Appoint or remove a commission's members.
    case keepCommissions = "keep-commissions"
    /// Decide and revoke accreditations of observers and journalists, and see applicants' personal data.
    case decideAccreditation = "decide-accreditation"
    /// Publish the parties' campaign airtime, or change it with a reason.
    case publishAirtime = "publish-airtime"
    /// Report a station's opening, turnout, closing and incidents on election day: its own officials only.
    case reportFromStation = "report-from-station"
    /// Follow election day's reports (the dashboard, its alerts, a station's reports) within one's unit.
    case followElectionDay = "follow-election-day"
    /// Publish turnout at a set time of election day.
    case publishTurnout = "publish-turnout"
    /// Set how many police officers are posted at a polling station (the NEC and provincial commissions).
    case assignPolice = "assign-police"
    /// Publish a document of the public library, or a new version of one.
    case publishDocuments = "publish-documents"
    /// Hear and decide the complaints routed or appealed to one's commission (and follow those
    /// within one's unit): the commune and provincial commissions and the NEC.
    case handleComplaints = "handle-complaints"
    /// Take the hotline's calls: log enquiries and lodge complaints on a caller's behalf.
    case takeCalls = "take-calls"
    /// Schedule training sessions for commission members and record who attended: the NEC for
    /// every session, a provincial commission for its province's.
    case keepTraining = "keep-training"
    /// Make officials' accounts, reset a password, disable or enable an account, revoke its
    /// machine tokens and end its sessions: the NEC, for every account.
    case keepAccounts = "keep-accounts"
}

/// Who may do what on which unit: the one rule for every action, asked by the store before it
/// writes and by the pages before they offer the action.
extension Official {
    /// Whether the official may do `action` on `unit` (a station for form and register actions, a
    /// province for a province's confirmation, the nation for the nation's and for publishing).
    public func may(_ action: OfficialAction, on unit: UnitCode) -> Bool {
        guard covers(unit), action.appliesTo(unit.level) else { return false }
        return role.may(action)
    }

    /// Throws a ``Refusal`` saying why, unless the official may do `action` on `unit`.
    public func require(_ action: OfficialAction, on unit: UnitCode) throws(Refusal) {
        try require(action)
        guard covers(unit), action.appliesTo(unit.level) else {
            throw Refusal(.outsideUnit, field: unit.level == .station ? "station" : "code",
                          "\(unit.level.rawValue) \(unit) is not within \(name)'s unit")
        }
    }
}

extension Official {
    /// Throws a ``Refusal`` unless the official's role allows `action` at all: asked before a
    /// request is read, when the unit it acts on is not known yet.
    public func require(_ action: OfficialAction) throws(Refusal) {
        guard role.may(action) else {
            throw Refusal(.roleMayNot, "\(name) (\(role.rawValue)) may not \(action.rawValue)")
        }
    }

    /// Throws a ``Refusal`` unless the official may do `action` on every one of `units`: a duplicate
    /// case is seen and decided by a commission whose unit holds all its voters (the NEC when they
    /// are in different provinces), since its decision removes registrations in each of them and
    /// its page shows each voter's name and date of birth.
    public func require(_ action: OfficialAction, onEveryOf units: [UnitCode]) throws(Refusal) {
        guard !units.isEmpty else { throw Refusal(.outsideUnit, "there is no unit to \(action.rawValue) on") }
        for unit in units { try require(action, on: unit) }
    }
}

extension OfficialRole {
    /// Whether the role allows `action` at all, within its unit.
    public func may(_ action: OfficialAction) -> Bool {
        switch action {
        case .enterResult, .seeRegister, .followElectionDay: true
        case .reportFromStation: self == .stationOfficial
        // A station's own officials only enter: warnings on their figures are checked by a commission above them.
        case .acknowledgeWarnings, .resolveDispute, .correctResult, .changeRegister, .decideDuplicate, .handleComplaints: coordinates
        case .confirmProvince, .assignPolice, .keepTraining: self == .necAdministrator || self == .provincialOfficial
        case .confirmNation, .publishResults, .decideParty, .keepCandidateLists, .overrideDeadline, .drawBallotOrder,
             .keepStations, .keepCommunes, .keepCommissions, .fixVoterList, .decideAccreditation, .publishAirtime, .publishTurnout,
             .publishDocuments, .takeCalls, .keepAccounts:
            self == .necAdministrator
        }
    }
}

extension OfficialAction {
    /// The level of the unit the action is done on.
    public var level: ResultLevel {
        switch self {
        case .enterResult, .resolveDispute, .acknowledgeWarnings, .correctResult, .seeRegister, .changeRegister,
             .decideDuplicate, .reportFromStation, .followElectionDay, .assignPolice: .station
        case .confirmProvince, .keepTraining: .province
        case .confirmNation, .publishResults, .decideParty, .keepCandidateLists, .overrideDeadline, .drawBallotOrder, .keepStations,
             .keepCommunes, .keepCommissions, .fixVoterList, .decideAccreditation, .publishAirtime, .publishTurnout, .publishDocuments,
             .takeCalls, .keepAccounts: .national
        case .handleComplaints: .commune
        }
    }

    /// Election day is followed at every level: a station, a commune, a province or the nation;
    /// complaints are handled by the commissions of communes, provinces and the nation.
    func appliesTo(_ level: ResultLevel) -> Bool {
        switch self {
        case .followElectionDay: true
        case .handleComplaints: level != .station
        case .keepTraining: level == .province || level == .national
        default: level == self.level
        }
    }
}

extension AccreditingOrganisation {
    /// Throws a ``Refusal`` unless `organisationID` is this organisation's own: an organisation
    /// submits and sees only its own people's applications.
    public func requireOwn(_ organisationID: String) throws(Refusal) {
        guard organisationID == id else {
            throw Refusal(.roleMayNot, "\(id) may act only for its own people, not for \(organisationID)")
        }
    }
}

/// Something a member of an observer mission does for the mission.
public enum MissionAction: String, Sendable, Hashable, CaseIterable {
    /// Record a visit to a polling station of the deployment.
    case recordVisit = "record-visit"
    /// Send a checklist filled in at a station.
    case submitChecklist = "submit-checklist"
    /// Report an incident or a complaint.
    case reportIncident = "report-incident"
    /// Record one of the mission's activities (meetings, media monitoring, ...).
    case recordActivity = "record-activity"
    /// Give the mission's assessment and conclusions.
    case giveStatement = "give-statement"
    /// Decide what became of an incident.
    case decideIncident = "decide-incident"
    /// Say which NEC badge a member of the mission holds.
    case linkBadge = "link-badge"
    /// Lodge one of the mission's incidents or complaints with the election commissions.
    case fileComplaint = "file-complaint"
    /// Draw the mission's quick-count sample, and publish its estimates or take them back.
    case planQuickCount = "plan-quick-count"
    /// Send the count posted at a station of the quick-count sample.
    case reportCount = "report-count"
    /// Read the quick count's sample and estimates before the mission publishes them.
    case followQuickCount = "follow-quick-count"

    /// Whether it records what the member observed at polling stations: only a member the NEC has
    /// not refused or revoked may do it.
    public var observesStations: Bool {
        self == .recordVisit || self == .submitChecklist || self == .reportIncident || self == .reportCount
    }

    /// Whether only the head of mission may do it.
    public var isHeadOnly: Bool {
        self == .giveStatement || self == .decideIncident || self == .linkBadge || self == .fileComplaint || self == .planQuickCount
    }
}

extension MissionMember {
    /// Whether the member may do `action` for the mission `missionID`: only for their own mission,
    /// the statement and incidents' outcomes only as its head, and what is observed at stations
    /// only while the NEC has not refused or revoked their accreditation.
    public func may(_ action: MissionAction, forMission missionID: MissionID) -> Bool {
        (try? require(action, forMission: missionID)) != nil
    }

    /// Throws a ``Refusal`` saying why, unless the member may do `action` for the mission.
    public func require(_ action: MissionAction, forMission missionID: MissionID) throws(Refusal) {
        guard self.missionID == missionID else {
            throw Refusal(.otherMission, "\(name) is not a member of mission \(missionID)")
        }
        guard isHead || !action.isHeadOnly else {
            throw Refusal(.roleMayNot, "only the head of mission may \(action.rawValue)")
        }
        guard !action.observesStations || (accreditation != .refused && accreditation != .revoked) else {
            throw Refusal(.roleMayNot, "\(name)'s accreditation is \(accreditation.rawValue): they may not \(action.rawValue)")
        }
    }
}
