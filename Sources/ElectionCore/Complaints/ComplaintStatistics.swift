/// Public counts of complaints: by category, by the tier of commission handling them and by
/// outcome. Complaints not decided yet count as pending, not as any outcome.
public struct ComplaintStatistics: Sendable, Hashable, Encodable {
    public var total: Int
    public var byCategory: [ComplaintCategory: Int]
    public var byLevel: [ResultLevel: Int]
    /// The latest decision's outcome; undecided complaints are in ``pending``.
    public var byOutcome: [ComplaintOutcome: Int]
    public var pending: Int
    /// Undecided past their last day.
    public var overdue: Int
    /// Decisions that were appealed (each appeal counts once).
    public var appeals: Int

    public init(_ complaints: [Complaint], on today: CalendarDate) {
        total = complaints.count
        byCategory = Dictionary(grouping: complaints, by: \.category).mapValues(\.count)
        byLevel = Dictionary(grouping: complaints, by: \.handlingUnit.level).mapValues(\.count)
        let outcomes = complaints.compactMap { $0.decision?.outcome }
        byOutcome = Dictionary(grouping: outcomes, by: { $0 }).mapValues(\.count)
        pending = complaints.count - outcomes.count
        overdue = complaints.count { $0.isOverdue(on: today) }
        appeals = complaints.reduce(0) { $0 + $1.steps.count { $0.kind == .appeal } }
    }

    private enum CodingKeys: String, CodingKey { case total, byCategory, byLevel, byOutcome, pending, overdue, appeals }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(total, forKey: .total)
        try c.encode(Dictionary(uniqueKeysWithValues: ComplaintCategory.allCases.map { ($0.rawValue, byCategory[$0, default: 0]) }), forKey: .byCategory)
        try c.encode(Dictionary(uniqueKeysWithValues: [ResultLevel.commune, .province, .national].map { ($0.rawValue, byLevel[$0, default: 0]) }), forKey: .byLevel)
        try c.encode(Dictionary(uniqueKeysWithValues: ComplaintOutcome.allCases.map { ($0.rawValue, byOutcome[$0, default: 0]) }), forKey: .byOutcome)
        try c.encode(pending, forKey: .pending)
        try c.encode(overdue, forKey: .overdue)
        try c.encode(appeals, forKey: .appeals)
    }
}
