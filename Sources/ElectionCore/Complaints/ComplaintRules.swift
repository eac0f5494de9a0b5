import Foundation

/// Where a complaint is in its handling.
public enum ComplaintStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case received
    case hearingSet = "hearing-set"
    /// Decided, and the complainant may still appeal.
    case decided
    case appealed
    /// Decided with no appeal left: by the NEC, or the days to appeal have passed.
    case final
}

extension Complaint {
    /// Calendar days after a decision in which the complainant may appeal it.
    public static let daysToAppeal = 3

    /// The commission a complaint about `area` goes to first: the one at the category's tier
    /// over the place, or the place's own commission when the place is given less precisely
    /// than that tier (a polling-day complaint naming only a province goes to the province).
    public static func route(_ category: ComplaintCategory, area: UnitCode) -> UnitCode {
        area.enclosing(at: category.firstLevel) ?? area
    }

    /// The commission above `unit`, which hears appeals against its decisions; nil for the NEC.
    public static func appealUnit(above unit: UnitCode) -> UnitCode? {
        switch unit {
        case .nation: nil
        case .province: .nation
        case .commune(let code): .province(code.province)
        case .station(let code): .commune(code.commune)
        }
    }

    /// The first step of a complaint received at `at` (on the local `day`): routed, with its
    /// last day to decide.
    public static func receipt(_ category: ComplaintCategory, area: UnitCode, at: Date, day: CalendarDate) -> ComplaintStep {
        ComplaintStep(kind: .received, at: at, day: day, unit: route(category, area: area), decideBy: day.adding(days: category.daysToDecide))
    }

    /// The latest decision, if the handling commission has decided since it received the complaint.
    public var decision: ComplaintStep? {
        guard let last = steps.last(where: { $0.kind != .hearing }), last.kind == .decision else { return nil }
        return last
    }

    /// The last day the handling commission has (or had) to decide.
    public var decideBy: CalendarDate? { steps.last(where: { $0.decideBy != nil })?.decideBy }

    /// The last day to appeal the latest decision; nil when undecided or decided by the NEC.
    public var appealBy: CalendarDate? {
        guard let decision, Self.appealUnit(above: decision.unit) != nil else { return nil }
        return decision.day.adding(days: Self.daysToAppeal)
    }

    /// Where the complaint is on `today` (the election's local day).
    public func status(on today: CalendarDate) -> ComplaintStatus {
        if decision != nil { return appealBy.map { today <= $0 } == true ? .decided : .final }
        switch steps.last?.kind {
        case .hearing: return .hearingSet
        case .appeal: return .appealed
        default: return .received
        }
    }

    /// Whether the handling commission has not decided by its last day.
    public func isOverdue(on today: CalendarDate) -> Bool {
        guard decision == nil, let decideBy else { return false }
        return today > decideBy
    }

    /// Throws a ``Refusal`` unless `official` may set a hearing at `hearingAt`: the handling
    /// commission (nil: a load from the scenario or the command line), before it has decided, at
    /// a time after the complaint was received.
    public func requireHearing(at hearingAt: Date, by official: Official?) throws(Refusal) {
        try official?.requireHandling(self)
        guard decision == nil else { throw Refusal(.wrongState, "complaint \(reference) is decided already") }
        guard hearingAt >= receivedAt else { throw Refusal(.wrongState, field: "hearingAt", "a hearing cannot be before the complaint was received") }
    }

    /// Throws a ``Refusal`` unless `official` may decide now: the handling commission (nil: a load
    /// from the scenario or the command line), once, with reasons.
    public func requireDecision(reasons: String, by official: Official?) throws(Refusal) {
        try official?.requireHandling(self)
        guard decision == nil else { throw Refusal(.wrongState, "complaint \(reference) is decided already") }
        guard !reasons.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Refusal(.reasonRequired, field: "reasons", "a decision gives its reasons")
        }
    }

    /// The commission an appeal lodged `today` goes to. Throws a ``Refusal`` unless the complaint
    /// is decided, there is a commission above, the days to appeal have not passed, the appeal
    /// gives reasons and `phone` is the complainant's (only the complainant appeals).
    public func requireAppeal(phone: String, reasons: String, on today: CalendarDate) throws(Refusal) -> UnitCode {
        guard Complainant(name: "", phone: phone).phoneDigits == complainant.phoneDigits, !complainant.phoneDigits.isEmpty else {
            throw Refusal(.roleMayNot, field: "phone", "only the complainant may appeal, with the phone number given with the complaint")
        }
        guard let decision else { throw Refusal(.wrongState, "complaint \(reference) is not decided yet") }
        guard let above = Self.appealUnit(above: decision.unit), let appealBy else {
            throw Refusal(.wrongState, "the NEC's decision on complaint \(reference) is the last in Sala")
        }
        guard today <= appealBy else { throw Refusal(.outsideCalendar, "the days to appeal ended on \(appealBy.iso)") }
        guard !reasons.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Refusal(.reasonRequired, field: "reasons", "an appeal gives its reasons")
        }
        return above
    }
}

extension Official {
    /// Whether the official sits on the commission handling the complaint: only it acts on the
    /// complaint and sees the complainant's name, phone and evidence.
    public func handles(_ complaint: Complaint) -> Bool {
        may(.handleComplaints, on: complaint.handlingUnit) && unitCode == complaint.handlingUnit
    }

    /// Throws a ``Refusal`` unless the official ``handles(_:)`` the complaint.
    public func requireHandling(_ complaint: Complaint) throws(Refusal) {
        try require(.handleComplaints, on: complaint.handlingUnit)
        guard unitCode == complaint.handlingUnit else {
            throw Refusal(.outsideUnit, "complaint \(complaint.reference) is handled by the commission of \(complaint.handlingUnit.level.rawValue) \(complaint.handlingUnit)")
        }
    }
}

extension UnitCode {
    /// The unit at `level` that contains this one (itself at its own level); nil when `level` is below this unit's.
    public func enclosing(at level: ResultLevel) -> UnitCode? {
        switch (level, self) {
        case (.national, _): .nation
        case (.province, _): province.map(UnitCode.province)
        case (.commune, .commune): self
        case (.commune, .station(let code)): .commune(code.commune)
        case (.station, .station): self
        default: nil
        }
    }
}
