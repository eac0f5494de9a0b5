import Foundation

/// Where one version of a station's result form stands. The states and transitions are
/// documented in `docs/result-form-states.md`.
public enum FormStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// No one has entered this version yet.
    case awaitingFirstEntry = "awaiting-first-entry"
    /// One official has entered it; a second must enter the same paper form without seeing the first.
    case awaitingSecondEntry = "awaiting-second-entry"
    /// The two entries differ; a coordinator sees both and settles the figures.
    case disputed
    /// The figures are settled but fail warning checks; an official other than those who entered
    /// or settled them must acknowledge the findings.
    case awaitingAcknowledgement = "awaiting-acknowledgement"
    /// The figures count. A later correction opens a new version; this one is kept.
    case accepted
}

/// One official's keying of the paper form.
public struct ResultEntry: Sendable, Hashable, Codable {
    public var officialID: OfficialID
    public var counts: ResultCounts

    public init(officialID: OfficialID, counts: ResultCounts) {
        self.officialID = officialID
        self.counts = counts
    }
}

/// One version of a station's result form. Version 1 is the count on the night; each correction
/// after acceptance is a new version with its reason, and every version is kept.
public struct ResultFormVersion: Sendable, Hashable, Codable {
    public var stationCode: StationCode
    public var version: Int
    public var status: FormStatus
    /// Why this version exists (for corrections); nil for version 1.
    public var reason: String?
    /// Who opened the correction; nil for version 1.
    public var openedBy: OfficialID?
    /// The blind entries, in the order made (at most two).
    public var entries: [ResultEntry]
    /// The settled figures, once both entries agree or a coordinator settles them.
    public var counts: ResultCounts?
    /// The coordinator who settled a dispute.
    public var resolvedBy: OfficialID?
    /// Warning checks the settled figures fail (check numbers).
    public var warnings: [String]
    /// The official who acknowledged the warnings.
    public var acknowledgedBy: OfficialID?

    public init(
        stationCode: StationCode, version: Int, status: FormStatus = .awaitingFirstEntry, reason: String? = nil,
        openedBy: OfficialID? = nil, entries: [ResultEntry] = [], counts: ResultCounts? = nil, resolvedBy: OfficialID? = nil,
        warnings: [String] = [], acknowledgedBy: OfficialID? = nil
    ) {
        self.stationCode = stationCode
        self.version = version
        self.status = status
        self.reason = reason
        self.openedBy = openedBy
        self.entries = entries
        self.counts = counts
        self.resolvedBy = resolvedBy
        self.warnings = warnings
        self.acknowledgedBy = acknowledgedBy
    }

    /// Fields where the two entries differ (empty unless both exist).
    public var differences: [String] {
        guard entries.count == 2 else { return [] }
        return entries[0].counts.differences(from: entries[1].counts)
    }
}

/// What an official does to a station's form.
public enum FormAction: Sendable, Hashable {
    /// Key in the paper form (first or second, blind).
    case enter(ResultCounts)
    /// Settle a dispute with the figures of the paper form (coordinators).
    case resolve(ResultCounts)
    /// Accept the warning findings after checking them against the paper.
    case acknowledge
    /// Open a new version of an accepted form, for this reason (coordinators).
    case correct(reason: String)

    /// The permission the action needs.
    public var permission: OfficialAction {
        switch self {
        case .enter: .enterResult
        case .resolve: .resolveDispute
        case .acknowledge: .acknowledgeWarnings
        case .correct: .correctResult
        }
    }

    /// The action's name in the audit history.
    public var name: String {
        switch self {
        case .enter: "entry"
        case .resolve: "resolution"
        case .acknowledge: "acknowledgement"
        case .correct: "correction"
        }
    }
}

/// What an action did to a form: the version after it, the line it adds to the station's history,
/// and the confirmations it undoes. The store persists exactly this.
public struct FormTransition: Sendable, Hashable {
    /// The version after the action: the same version changed, or a new one for a correction.
    public var form: ResultFormVersion
    /// Whether ``form`` is a new version that starts beside the kept one (a correction).
    public var opensVersion: Bool
    /// What the history line says beside the action and status: the correction's reason, the
    /// warnings acknowledged, or the fields two entries differ in.
    public var detail: String?
    /// Units whose confirmation no longer holds: a correction, when opened and again when its
    /// figures are accepted, makes its province and the nation provisional again.
    public var reopens: [UnitCode]
}

extension ResultFormVersion {
    /// The form after `official` does `action` to it: ``transition(_:by:expectedVersion:context:)``
    /// without its effects.
    public func applying(
        _ action: FormAction, by official: Official, expectedVersion: Int, context: FormContext
    ) throws(Refusal) -> ResultFormVersion {
        try transition(action, by: official, expectedVersion: expectedVersion, context: context).form
    }

    /// What happens when `official` does `action` to the form, checked against the station's
    /// `context`: the next version and its effects. A correction returns a new version, which the
    /// caller stores beside this one. `expectedVersion` is the version the official was looking
    /// at: any other is stale.
    public func transition(
        _ action: FormAction, by official: Official, expectedVersion: Int, context: FormContext
    ) throws(Refusal) -> FormTransition {
        let next = try nextVersion(after: action, by: official, expectedVersion: expectedVersion, context: context)
        let opensVersion = next.version != version
        var detail: String?
        switch action {
        case .correct(let reason): detail = reason
        case .acknowledge: detail = warnings.joined(separator: ", ")
        case .enter, .resolve: if next.status == .disputed { detail = next.differences.joined(separator: ", ") }
        }
        // A correction's figures replace accepted ones: any confirmation made meanwhile no longer holds.
        let changesAcceptedFigures = opensVersion || (next.version > 1 && next.status == .accepted && status != .accepted)
        return FormTransition(
            form: next, opensVersion: opensVersion, detail: detail,
            reopens: changesAcceptedFigures ? [.province(stationCode.province), .nation] : [])
    }

    private func nextVersion(
        after action: FormAction, by official: Official, expectedVersion: Int, context: FormContext
    ) throws(Refusal) -> ResultFormVersion {
        try official.require(action.permission, on: .station(stationCode))
        guard expectedVersion == version else {
            throw Refusal(.staleVersion, field: "version", "version \(expectedVersion) is not the latest; the latest is version \(version)")
        }
        var next = self
        switch action {
        case .enter(let counts):
            guard status == .awaitingFirstEntry || status == .awaitingSecondEntry else {
                throw Refusal(.wrongState, "version \(version) is \(status.rawValue) and takes no more entries")
            }
            guard !entries.contains(where: { $0.officialID == official.id }) else {
                throw Refusal(.sameOfficial, "\(official.name) already entered version \(version); a different official must make the second entry")
            }
            try Self.requirePassing(counts, context)
            next.entries.append(ResultEntry(officialID: official.id, counts: counts))
            if next.entries.count == 1 {
                next.status = .awaitingSecondEntry
            } else if next.differences.isEmpty {
                next.settle(counts, context)
            } else {
                next.status = .disputed
            }
        case .resolve(let counts):
            guard status == .disputed else {
                throw Refusal(.wrongState, "version \(version) is \(status.rawValue), not disputed")
            }
            guard !entries.contains(where: { $0.officialID == official.id }) else {
                throw Refusal(.sameOfficial, "a dispute must be settled by an official who did not enter the form")
            }
            try Self.requirePassing(counts, context)
            next.resolvedBy = official.id
            next.settle(counts, context)
        case .acknowledge:
            guard status == .awaitingAcknowledgement else {
                throw Refusal(.wrongState, "version \(version) is \(status.rawValue) and has nothing to acknowledge")
            }
            guard !entries.contains(where: { $0.officialID == official.id }), resolvedBy != official.id else {
                throw Refusal(.sameOfficial, "warnings must be acknowledged by an official who did not enter or settle the figures")
            }
            next.acknowledgedBy = official.id
            next.status = .accepted
        case .correct(let reason):
            guard status == .accepted else {
                throw Refusal(.wrongState, "version \(version) is \(status.rawValue); only an accepted form is corrected")
            }
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { throw Refusal(.reasonRequired, field: "reason", "a correction needs a reason") }
            return ResultFormVersion(stationCode: stationCode, version: version + 1, reason: reason, openedBy: official.id)
        }
        return next
    }

    private mutating func settle(_ counts: ResultCounts, _ context: FormContext) {
        self.counts = counts
        warnings = FormCheck.findings(for: counts, in: context).map(\.id)
        status = warnings.isEmpty ? .accepted : .awaitingAcknowledgement
    }

    private static func requirePassing(_ counts: ResultCounts, _ context: FormContext) throws(Refusal) {
        let errors = FormCheck.findings(for: counts, in: context).filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw Refusal(
                .failedChecks, field: errors[0].fields.first, checks: errors.map(\.id),
                figures: Dictionary(uniqueKeysWithValues: errors.map { ($0.id, $0.figures(counts, context)) }),
                errors.map { "\($0.id): \($0.rule)" }.joined(separator: " "))
        }
    }
}
