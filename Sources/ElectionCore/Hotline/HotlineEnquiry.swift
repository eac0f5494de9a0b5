import Foundation

/// One enquiry the NEC's hotline took: how it came, what it was about, where the caller is, what
/// they asked and the answer given, with the knowledge-base article the answer came from. The
/// caller is not recorded: an enquiry is not personal data (a complaint is, and is lodged apart).
public struct HotlineEnquiry: Sendable, Hashable, Codable {
    public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
        case phone
        case sms
        case socialMedia = "social-media"
        case email
        case inPerson = "in-person"
    }

    public enum Topic: String, Sendable, Hashable, Codable, CaseIterable {
        case registration
        case pollingStation = "polling-station"
        case voting
        case partiesAndCandidates = "parties-and-candidates"
        case results
        case complaints
        case observersAndMedia = "observers-and-media"
        case other
    }

    public var id: Int
    public var at: Date
    public var channel: Channel
    public var topic: Topic
    public var province: ProvinceCode?
    public var question: String
    public var answer: String
    /// The knowledge base's question and answer (a library document of kind `faq`) the answer came from.
    public var articleID: String?

    public init(
        id: Int, at: Date, channel: Channel, topic: Topic, province: ProvinceCode?, question: String, answer: String, articleID: String?
    ) {
        self.id = id
        self.at = at
        self.channel = channel
        self.topic = topic
        self.province = province
        self.question = question
        self.answer = answer
        self.articleID = articleID
    }
}

/// A day's enquiries counted by topic and by channel: what the hotline is asked, and how.
public struct HotlineTally: Sendable, Hashable, Encodable {
    public var day: CalendarDate
    public var total: Int
    public var byTopic: [HotlineEnquiry.Topic: Int]
    public var byChannel: [HotlineEnquiry.Channel: Int]

    public init(day: CalendarDate, _ enquiries: [HotlineEnquiry]) {
        self.day = day
        total = enquiries.count
        byTopic = Dictionary(grouping: enquiries, by: \.topic).mapValues(\.count)
        byChannel = Dictionary(grouping: enquiries, by: \.channel).mapValues(\.count)
    }

    private enum CodingKeys: String, CodingKey { case day, total, byTopic, byChannel }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(day, forKey: .day)
        try c.encode(total, forKey: .total)
        try c.encode(Dictionary(uniqueKeysWithValues: HotlineEnquiry.Topic.allCases.map { ($0.rawValue, byTopic[$0, default: 0]) }), forKey: .byTopic)
        try c.encode(Dictionary(uniqueKeysWithValues: HotlineEnquiry.Channel.allCases.map { ($0.rawValue, byChannel[$0, default: 0]) }), forKey: .byChannel)
    }
}
