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
    public var officialID: Int
    public var counts: ResultCounts

    public init(officialID: Int, counts: ResultCounts) {
        self.officialID = officialID
        self.counts = counts
    }
}

/// One version of a station's result form. Version 1 is the count on the night; each correction
/// after acceptance is a new version with its reason, and every version is kept.
public struct ResultFormVersion: Sendable, Hashable, Codable {
    public var stationCode: String
    public var version: Int
    public var status: FormStatus
    /// Why this version exists (for corrections); nil for version 1.
    public var reason: String?
    /// Who opened the correction; nil for version 1.
    public var openedBy: Int?
    /// The blind entries, in the order made (at most two).
    public var entries: [ResultEntry]
    /// The settled figures, once both entries agree or a coordinator settles them.
    public var counts: ResultCounts?
    /// The coordinator who settled a dispute.
    public var resolvedBy: Int?
    /// Warning checks the settled figures fail (check numbers).
    public var warnings: [String]
    /// The official who acknowledged the warnings.
    public var acknowledgedBy: Int?

    public init(
        stationCode: String, version: Int, status: FormStatus = .awaitingFirstEntry, reason: String? = nil,
        openedBy: Int? = nil, entries: [ResultEntry] = [], counts: ResultCounts? = nil, resolvedBy: Int? = nil,
        warnings: [String] = [], acknowledgedBy: Int? = nil
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

/// Why an action on a form was refused. Nothing is stored when it is.
public struct FormRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// The station is not within the official's unit.
        case notYourStation = "not-your-station"
        /// The action names a version that is not the station's latest.
        case staleVersion = "stale-version"
        /// The form is not in a state where this action applies.
        case wrongState = "wrong-state"
        /// This official already entered this version; the second entry must be someone else's.
        case sameOfficial = "same-official"
        /// Only commune, provincial or national officials may do this.
        case notCoordinator = "not-coordinator"
        /// The figures fail error checks: the paper form must be corrected first.
        case failedChecks = "failed-checks"
        /// A correction needs a reason.
        case reasonRequired = "reason-required"
    }

    public var reason: Reason
    /// The form field concerned, when there is one.
    public var field: String?
    /// The error checks failed (for ``Reason/failedChecks``).
    public var checks: [String]
    /// English explanation; pages translate by ``reason`` and ``checks``.
    public var message: String

    public init(_ reason: Reason, field: String? = nil, checks: [String] = [], _ message: String) {
        self.reason = reason
        self.field = field
        self.checks = checks
        self.message = message
    }

    public var description: String { message }
}

extension ResultFormVersion {
    /// The form after `official` does `action` to it, checked against the station's `context`.
    /// A correction returns the new version, which the caller stores beside this one.
    /// `expectedVersion` is the version the official was looking at: any other is stale.
    public func applying(
        _ action: FormAction, by official: Official, expectedVersion: Int, context: FormContext
    ) throws(FormRefusal) -> ResultFormVersion {
        guard official.covers(stationCode), official.unitCode.count <= stationCode.count else {
            throw FormRefusal(.notYourStation, field: "station", "station \(stationCode) is not within \(official.name)'s unit")
        }
        guard expectedVersion == version else {
            throw FormRefusal(.staleVersion, field: "version", "version \(expectedVersion) is not the latest; the latest is version \(version)")
        }
        var next = self
        switch action {
        case .enter(let counts):
            guard status == .awaitingFirstEntry || status == .awaitingSecondEntry else {
                throw FormRefusal(.wrongState, "version \(version) is \(status.rawValue) and takes no more entries")
            }
            guard !entries.contains(where: { $0.officialID == official.id }) else {
                throw FormRefusal(.sameOfficial, "\(official.name) already entered version \(version); a different official must make the second entry")
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
                throw FormRefusal(.wrongState, "version \(version) is \(status.rawValue), not disputed")
            }
            guard official.role.coordinates else {
                throw FormRefusal(.notCoordinator, "only a commune, provincial or national official may settle a dispute")
            }
            guard !entries.contains(where: { $0.officialID == official.id }) else {
                throw FormRefusal(.sameOfficial, "a dispute must be settled by an official who did not enter the form")
            }
            try Self.requirePassing(counts, context)
            next.resolvedBy = official.id
            next.settle(counts, context)
        case .acknowledge:
            guard status == .awaitingAcknowledgement else {
                throw FormRefusal(.wrongState, "version \(version) is \(status.rawValue) and has nothing to acknowledge")
            }
            guard !entries.contains(where: { $0.officialID == official.id }), resolvedBy != official.id else {
                throw FormRefusal(.sameOfficial, "warnings must be acknowledged by an official who did not enter or settle the figures")
            }
            next.acknowledgedBy = official.id
            next.status = .accepted
        case .correct(let reason):
            guard official.role.coordinates else {
                throw FormRefusal(.notCoordinator, "only a commune, provincial or national official may correct an accepted form")
            }
            guard status == .accepted else {
                throw FormRefusal(.wrongState, "version \(version) is \(status.rawValue); only an accepted form is corrected")
            }
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { throw FormRefusal(.reasonRequired, field: "reason", "a correction needs a reason") }
            return ResultFormVersion(stationCode: stationCode, version: version + 1, reason: reason, openedBy: official.id)
        }
        return next
    }

    private mutating func settle(_ counts: ResultCounts, _ context: FormContext) {
        self.counts = counts
        warnings = FormCheck.findings(for: counts, in: context).map(\.id)
        status = warnings.isEmpty ? .accepted : .awaitingAcknowledgement
    }

    private static func requirePassing(_ counts: ResultCounts, _ context: FormContext) throws(FormRefusal) {
        let errors = FormCheck.findings(for: counts, in: context).filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw FormRefusal(
                .failedChecks, field: errors[0].fields.first, checks: errors.map(\.id),
                errors.map { "\($0.id): \($0.rule)" }.joined(separator: " "))
        }
    }
}
