/// What a complaint is about, which decides the commission it goes to first and how many days
/// that commission has to decide.
public enum ComplaintCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case voterRegister = "voter-register"
    case partiesAndCandidates = "parties-and-candidates"
    case campaign
    case pollingAndCounting = "polling-and-counting"
    case results
    case observersAndMedia = "observers-and-media"
    case other

    /// The tier of commission that hears it first: the commune commission for what happened at
    /// its stations and on its register, the provincial commission for the campaign and the
    /// province's count, the NEC for what it decided itself (parties, candidates, accreditation).
    public var firstLevel: ResultLevel {
        switch self {
        case .voterRegister, .pollingAndCounting: .commune
        case .campaign, .results, .other: .province
        case .partiesAndCandidates, .observersAndMedia: .national
        }
    }

    /// Calendar days the handling commission has to decide, counted from the day it received the
    /// complaint (or the appeal).
    public var daysToDecide: Int {
        switch self {
        case .pollingAndCounting, .results, .campaign: 3
        case .voterRegister, .partiesAndCandidates, .observersAndMedia: 5
        case .other: 10
        }
    }

    /// The category of an observer mission's incident when the mission files it as a complaint.
    public init(_ incident: Incident.Category) {
        switch incident {
        case .obstructionOfObservers: self = .observersAndMedia
        case .intimidation, .voteBuying, .campaignViolation: self = .campaign
        case .proceduralIrregularity, .accessibility, .violence: self = .pollingAndCounting
        case .other: self = .other
        }
    }
}
