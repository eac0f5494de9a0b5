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

    public init(
        id: MissionID, organisation: String, nameEnglish: String, nameKhmer: String, kind: String,
        invitationDate: CalendarDate?, invitedBy: [String], workingGroup: [String],
        organisationKhmer: String? = nil, invitedByKhmer: [String]? = nil, workingGroupKhmer: [String]? = nil
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
    }
}

/// Where a person's accreditation with the election commission stands.
public enum Accreditation: String, Sendable, Hashable, Codable, CaseIterable {
    case requested
    case accredited
    case refused
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
    public var accreditation: Accreditation
    /// The body and title in Khmer, when given (nil: shown in English).
    public var bodyKhmer: String?
    public var titleKhmer: String?

    public init(
        missionID: MissionID, seat: Int, name: String, body: String, title: String, isHead: Bool, accreditation: Accreditation,
        bodyKhmer: String? = nil, titleKhmer: String? = nil
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
    }
}
