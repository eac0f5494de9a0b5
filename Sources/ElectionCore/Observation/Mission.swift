/// An observer mission: an international one invited by the authorities, or a domestic
/// organisation fielding observers.
public struct ObserverMission: Sendable, Hashable, Codable, Identifiable {
    /// A short slug, e.g. `au-2023`.
    public var id: MissionID
    public var organisation: String
    public var nameEnglish: String
    public var nameKhmer: String
    /// `international` or `domestic`.
    public var kind: String
    public var invitationDate: CalendarDate?
    /// The institutions that invited the mission, e.g. the foreign ministry and the NEC.
    public var invitedBy: [String]
    /// Who supported the mission, e.g. the organisation's secretariat.
    public var workingGroup: [String]
    /// The same in Khmer, when the mission gave them (nil: shown as given, in English).
    public var organisationKhmer: String?
    public var invitedByKhmer: [String]?
    public var workingGroupKhmer: [String]?
    /// The accrediting organisation (``AccreditingOrganisation``) through which the NEC accredits
    /// the mission's members: their badges must be its own. Nil: the members hold no badge here.
    public var accreditingOrganisationID: String?

    public init(
        id: MissionID, organisation: String, nameEnglish: String, nameKhmer: String, kind: String,
        invitationDate: CalendarDate?, invitedBy: [String], workingGroup: [String],
        organisationKhmer: String? = nil, invitedByKhmer: [String]? = nil, workingGroupKhmer: [String]? = nil,
        accreditingOrganisationID: String? = nil
    ) {
        self.id = id
        self.organisation = organisation
        self.nameEnglish = nameEnglish
        self.nameKhmer = nameKhmer
        self.kind = kind
        self.invitationDate = invitationDate
        self.invitedBy = invitedBy
        self.workingGroup = workingGroup
        self.organisationKhmer = organisationKhmer
        self.invitedByKhmer = invitedByKhmer
        self.workingGroupKhmer = workingGroupKhmer
        self.accreditingOrganisationID = accreditingOrganisationID
    }

    /// Throws a ``Refusal`` unless a member of the mission may hold `badge`: it is a badge of the
    /// mission's accrediting organisation.
    public func requireMayHold(_ badge: AccreditationApplication) throws(Refusal) {
        guard let organisation = accreditingOrganisationID else {
            throw Refusal(.wrongState, field: "badge", "mission \(id) is accredited through no organisation, so its members hold no badge here")
        }
        guard badge.organisationID == organisation else {
            throw Refusal(.roleMayNot, field: "badge", "badge \(badge.badgeNumber) is \(badge.organisationID)'s, not \(organisation)'s")
        }
    }
}

/// Where a person's accreditation with the election commission stands.
public enum Accreditation: String, Sendable, Hashable, Codable, CaseIterable {
    case requested
    case accredited
    case refused
    /// Accredited, then withdrawn by the NEC.
    case revoked

    /// Where a member stands whose badge application is in `status`.
    public init(_ status: AccreditationApplication.Status) {
        switch status {
        case .submitted, .moreInformation: self = .requested
        case .accepted: self = .accredited
        case .refused: self = .refused
        case .revoked: self = .revoked
        }
    }
}

/// A member of a mission.
public struct MissionMember: Sendable, Hashable, Codable {
    public var missionID: MissionID
    /// Order in the mission's list, from 1; the head first.
    public var seat: Int
    public var name: String
    /// The body the member comes from, e.g. a parliamentary assembly.
    public var body: String
    public var title: String
    public var isHead: Bool
    /// The NEC's decision on the member's badge when ``badge`` is set; otherwise what the mission
    /// says of its member.
    public var accreditation: Accreditation
    /// The number of the member's badge (``AccreditationApplication/id``), when linked.
    public var badge: Int?
    /// The body and title in Khmer, when given (nil: shown in English).
    public var bodyKhmer: String?
    public var titleKhmer: String?

    public init(
        missionID: MissionID, seat: Int, name: String, body: String, title: String, isHead: Bool, accreditation: Accreditation,
        bodyKhmer: String? = nil, titleKhmer: String? = nil, badge: Int? = nil
    ) {
        self.missionID = missionID
        self.seat = seat
        self.name = name
        self.body = body
        self.title = title
        self.isHead = isHead
        self.accreditation = accreditation
        self.bodyKhmer = bodyKhmer
        self.titleKhmer = titleKhmer
        self.badge = badge
    }
}
