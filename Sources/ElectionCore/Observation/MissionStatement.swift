/// The head of mission's assessment and conclusions: the only parts of the report typed by the
/// mission rather than computed.
public struct MissionStatement: Sendable, Hashable, Codable {
    public var missionID: MissionID
    public var assessmentEnglish: String
    public var assessmentKhmer: String
    public var conclusionsEnglish: String
    public var conclusionsKhmer: String

    public init(missionID: MissionID, assessmentEnglish: String, assessmentKhmer: String, conclusionsEnglish: String, conclusionsKhmer: String) {
        self.missionID = missionID
        self.assessmentEnglish = assessmentEnglish
        self.assessmentKhmer = assessmentKhmer
        self.conclusionsEnglish = conclusionsEnglish
        self.conclusionsKhmer = conclusionsKhmer
    }
}
