import Foundation

/// A complaint lodged with the election commissions: by anyone on the public form, by the
/// hotline on a caller's behalf, or by an observer mission. It is handled by one commission at a
/// time (routed by ``ComplaintCategory``), which may hold a hearing and decides with reasons; the
/// complainant may appeal a decision to the commission above.
public struct Complaint: Sendable, Hashable, Encodable {
    /// How the complaint reached the commissions.
    public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
        case web
        case hotline
        case mission
    }

    public var id: Int
    /// What the complainant keeps to follow it: ``ComplaintReference``.
    public var reference: String
    public var category: ComplaintCategory
    public var channel: Channel
    /// Where it happened: a station, a commune or a province (the nation when nowhere in particular).
    public var area: UnitCode
    /// Where it happened, in the complainant's words.
    public var place: String
    public var description: String
    public var complainant: Complainant
    public var receivedAt: Date
    /// The commission handling it now: the one it was routed to, or the one appealed to.
    public var handlingUnit: UnitCode
    /// What happened to it, oldest first; the first is its receipt.
    public var steps: [ComplaintStep]
    /// The observer mission and its incident, when a mission filed it.
    public var missionID: MissionID?
    public var incidentID: Int?

    public init(
        id: Int, reference: String, category: ComplaintCategory, channel: Channel, area: UnitCode, place: String, description: String,
        complainant: Complainant, receivedAt: Date, handlingUnit: UnitCode, steps: [ComplaintStep], missionID: MissionID? = nil,
        incidentID: Int? = nil
    ) {
        self.id = id
        self.reference = reference
        self.category = category
        self.channel = channel
        self.area = area
        self.place = place
        self.description = description
        self.complainant = complainant
        self.receivedAt = receivedAt
        self.handlingUnit = handlingUnit
        self.steps = steps
        self.missionID = missionID
        self.incidentID = incidentID
    }

    /// The complainant's name and contact stay out of what is encoded: the handling commission
    /// gets them through ``ComplaintFile``.
    private enum CodingKeys: String, CodingKey {
        case id, reference, category, channel, area, place, description, receivedAt, handlingUnit, steps, missionID, incidentID
    }
}

/// Who lodged a complaint: personal data, shown only to the commission handling it.
public struct Complainant: Sendable, Hashable, Codable {
    public var name: String
    /// How the commission reaches the complainant (a hearing's date, its decision); also what the
    /// complainant gives again to appeal.
    public var phone: String

    public init(name: String, phone: String) {
        self.name = name
        self.phone = phone
    }

    /// The phone number's digits only, so that "012 345 678" and "012345678" are the same number.
    public var phoneDigits: String { String(phone.filter(\.isASCII).filter(\.isNumber)) }
}

/// One thing that happened to a complaint.
public struct ComplaintStep: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Lodged and routed to ``unit``.
        case received
        /// The handling commission set a hearing.
        case hearing
        /// The handling commission decided, with reasons.
        case decision
        /// The complainant appealed to ``unit``, the commission above.
        case appeal
    }

    public var kind: Kind
    public var at: Date
    /// The day it happened where the election is held (deadlines count in these days).
    public var day: CalendarDate
    /// The commission that acted (for an appeal: the one appealed to).
    public var unit: UnitCode
    /// The last day the handling commission has to decide (a receipt and an appeal set it).
    public var decideBy: CalendarDate?
    /// A hearing's time and place.
    public var hearingAt: Date?
    public var hearingPlace: String?
    public var outcome: ComplaintOutcome?
    /// A decision's or an appeal's reasons.
    public var reasons: String?

    public init(
        kind: Kind, at: Date, day: CalendarDate, unit: UnitCode, decideBy: CalendarDate? = nil, hearingAt: Date? = nil, hearingPlace: String? = nil,
        outcome: ComplaintOutcome? = nil, reasons: String? = nil
    ) {
        self.kind = kind
        self.at = at
        self.day = day
        self.unit = unit
        self.decideBy = decideBy
        self.hearingAt = hearingAt
        self.hearingPlace = hearingPlace
        self.outcome = outcome
        self.reasons = reasons
    }
}

/// What a commission decided.
public enum ComplaintOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case upheld
    case partlyUpheld = "partly-upheld"
    case dismissed
    /// Not examined: outside the commissions' remit, lodged too late, or not a complaint.
    case inadmissible
}

/// A complaint as lodged, before the store numbers it, gives its reference and routes it.
public struct ComplaintDraft: Sendable, Hashable {
    public var category: ComplaintCategory
    public var channel: Complaint.Channel
    public var area: UnitCode
    public var place: String
    public var description: String
    public var complainant: Complainant
    public var missionID: MissionID?
    public var incidentID: Int?
    /// The reference's four letters when drawn elsewhere (the scenario draws them from its seed);
    /// nil, as for every real complaint: the store draws them at random.
    public var referenceLetters: String?

    public init(
        category: ComplaintCategory, channel: Complaint.Channel, area: UnitCode, place: String, description: String, complainant: Complainant,
        missionID: MissionID? = nil, incidentID: Int? = nil, referenceLetters: String? = nil
    ) {
        self.category = category
        self.channel = channel
        self.area = area
        self.place = place
        self.description = description
        self.complainant = complainant
        self.missionID = missionID
        self.incidentID = incidentID
        self.referenceLetters = referenceLetters
    }
}
