import ElectionCore
import Foundation

/// One official's action on one station's result form.
public struct FormRequest: Sendable, Hashable {
    public var stationCode: StationCode
    /// The version the official was looking at; any other is refused as stale.
    public var expectedVersion: Int
    public var action: FormAction
    public var official: Official

    public init(stationCode: StationCode, expectedVersion: Int, action: FormAction, official: Official) {
        self.stationCode = stationCode
        self.expectedVersion = expectedVersion
        self.action = action
        self.official = official
    }
}

/// A line of a form's history: who did what to which version, and what state it left.
public struct FormEvent: Sendable, Hashable, Codable {
    public var stationCode: StationCode
    public var version: Int
    public var at: Date
    /// The account that acted: shown to officials only.
    public var officialName: String
    /// The role of the account that acted: what the public history says instead of the name.
    public var officialRole: OfficialRole
    /// The ``FormAction/name``, or `confirmation`.
    public var action: String
    public var status: FormStatus
    /// The correction's reason, or the warnings acknowledged.
    public var detail: String?

    public init(
        stationCode: StationCode, version: Int, at: Date, officialName: String, officialRole: OfficialRole, action: String,
        status: FormStatus, detail: String?
    ) {
        self.stationCode = stationCode
        self.version = version
        self.at = at
        self.officialName = officialName
        self.officialRole = officialRole
        self.action = action
        self.status = status
        self.detail = detail
    }
}

/// A numbered, immutable snapshot of the published results.
public struct Publication: Sendable, Hashable, Codable {
    public var number: PublicationNumber
    public var publishedAt: Date
    public var publishedBy: String
    public var stationsReported: Int
    public var stationsTotal: Int
    /// Whether the national results were official (complete and confirmed) when published.
    public var official: Bool
    /// Lowercase hexadecimal SHA-256 of ``content``.
    public var digest: String
    /// The ``ResultsReport`` as canonical JSON (sorted keys).
    public var content: Data
    /// The NEC's Ed25519 signature of exactly ``content`` (base64url); nil for publications made
    /// before they were signed.
    public var signature: String?

    public init(
        number: PublicationNumber, publishedAt: Date, publishedBy: String, stationsReported: Int, stationsTotal: Int,
        official: Bool, digest: String, content: Data, signature: String? = nil
    ) {
        self.number = number
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
        self.stationsReported = stationsReported
        self.stationsTotal = stationsTotal
        self.official = official
        self.digest = digest
        self.content = content
        self.signature = signature
    }
}

/// Signs a publication's content with the NEC's key (`NECSigner.signature(of:)`): the store
/// keeps the signature beside the content, in the same transaction.
public typealias PublicationSigning = @Sendable (Data) throws -> String

extension Publication {
    /// A report as a publication's content: JSON with sorted keys and ISO 8601 times, so the same
    /// report gives the same bytes, and so the same digest.
    public static func content(of report: ResultsReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(report)
    }

    /// The report this publication holds.
    public func report() throws -> ResultsReport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(ResultsReport.self, from: content)
    }
}

/// Polling stations' result forms: double entry, settlement, acknowledgement, corrections, their
/// history, the totals they add up to, confirmations and publications.
public protocol ResultStore: Sendable {
    /// Applies the requests in order in one transaction, so one disk write acknowledges them
    /// all. A refused request (``Refusal``, or ``StoreError/notFound(_:_:)`` for an unknown
    /// station) changes nothing and does not stop the others.
    func apply(_ requests: [FormRequest], at time: Date) async throws -> [Result<ResultFormVersion, any Error>]
    /// Every version of a station's form, oldest first; empty before the first entry.
    func resultFormVersions(station code: StationCode) async throws -> [ResultFormVersion]
    /// A station's history, oldest first.
    func formEvents(station code: StationCode) async throws -> [FormEvent]
    /// The status of the latest version of each station's form within a unit; stations with no
    /// entry yet are absent.
    func formStatuses(within unit: UnitCode) async throws -> [StationCode: FormStatus]
    /// Whether any result was entered (a form's first entry is enough).
    func holdsResults() async throws -> Bool
    /// When a form last changed (an entry, a settlement, an acknowledgement, a correction or a
    /// confirmation); nil before the first.
    func lastFormChange() async throws -> Date?

    /// Totals for every unit at `level` within `unit`, in code order.
    func resultTotals(level: ResultLevel, within unit: UnitCode) async throws -> [ResultTotals]
    /// The current accepted figures of one station, or nil before any version is accepted.
    func acceptedCounts(station code: StationCode) async throws -> ResultCounts?

    /// Records that a province's (or the nation's) complete count is confirmed, which makes its
    /// figures official. Refused with ``Refusal`` when the official may not confirm it
    /// (``Official/may(_:on:)``) or the count is incomplete.
    func confirmResults(_ unit: UnitCode, by official: Official, at time: Date) async throws

    /// Stores the next numbered publication of `report`, signed by `signing`, and returns it. Only
    /// the NEC publishes: anyone else is refused with ``Refusal``.
    func publish(_ report: ResultsReport, by official: Official, at time: Date, signing: PublicationSigning) async throws -> Publication
    /// Every publication, newest first, without content.
    func publications() async throws -> [Publication]
    func publication(_ number: PublicationNumber) async throws -> Publication
}
