import Foundation

/// A ``ResultsReport`` in the JSON form of NIST SP 1500-100 version 2, Election Results Reporting
/// (root `ElectionResults.ElectionReport`, schema `NIST_V2_election_results_reporting.json`,
/// draft-04). `docs/nist-cdf-export.md` has the same mapping as a table.
///
/// What maps where:
/// - the report → `ElectionReport`: `Format` `summary-contest`, `GeneratedDate` with its zone,
///   `Issuer`/`IssuerAbbreviation`, `VendorApplicationId` `Sala`, `Status` from the national totals
///   (``status(of:)``). `SequenceStart`/`SequenceEnd` are always 1/1: NIST means them as "part i of
///   n" of one report split over several files, not as a count of successive publications, so the
///   publication number goes to an `ExternalIdentifier` (`other`, `OtherType` `sala-publication`).
///   A tie the law leaves to a drawing of lots is described in `Notes` (the schema has no element for it).
/// - each ``Party`` → `Party` `party-<ballot number>`: `Name` in English (`en`) and Khmer (`km`),
///   `Abbreviation` in English when the party has one (no Khmer abbreviation is known).
/// - the nation → `ReportingUnit` `gpu-national` of `Type` `country`, its `ComposingGpUnitIds` the
///   provinces; each ``Constituency`` → `ReportingUnit` `gpu-<code>` of `Type` `other` with
///   `OtherType` its kind (`province` or `capital`), `Number` its code, `Name` in both languages.
///   Each unit carries its own figures: `VotersRegistered` = ``ResultTotals/registeredOnList`` (the
///   whole unit's register, reported or not), `VotersParticipated` = ballots issued (voters who
///   signed the list) at the reporting stations, `SubUnitsReported`/`TotalSubUnits` = polling
///   stations with an accepted form / all stations, and `CountStatus` `total`.
/// - ballots → `Election.BallotCounts` (`Type` `total`), one per unit: `BallotsCast` = ballots in
///   the box, `BallotsRejected` = invalid ballots (counted for no party). Valid votes are
///   `BallotsCast − BallotsRejected` and equal the sum of the parties' votes.
/// - the election → one `Election` of `Type` `general`, `StartDate` = `EndDate` = election day,
///   `ElectionScopeId` `gpu-national`, Sala's election id as an `ExternalIdentifier`.
/// - each constituency → `PartyContest` `contest-<code>`, `ElectionDistrictId` `gpu-<code>`,
///   `VoteVariation` `proportional`, with one `PartySelection` per party on that province's ballot
///   (the parties with a line in its counts or seats; none before any station reports), in ballot
///   order (`SequenceOrder` = ballot number), each with two `VoteCounts` for `gpu-<code>`:
///   `total` = valid votes and `seats` = seats won. `CountStatus` says whether each is final
///   (`seats` stays `in-process` while a drawing of lots is pending).
///
/// - communes and polling stations, when asked for (``DetailUnit``): each a `ReportingUnit`
///   `gpu-<code>` (a commune `other` with `OtherType` its kind, a station `polling-place`), composed
///   into its province (a station into its commune when communes are there too), with its own
///   `BallotCounts` and, in its province's contest, one `total` `VoteCounts` per party for it.
///
/// Left out, because the schema has no honest place for them:
/// - the seats a constituency elects (`NumberElected` belongs to `CandidateContest`, not
///   `PartyContest`): without a tie they are the sum of the `seats` counts;
/// - the members elected: a `Candidate` could sit in `Election.Candidate` (with `PartyId` and
///   `PostElectionStatus` `winner`), but nothing ties it to its constituency's contest; a
///   `PartySelection` has no candidate ids, and a `CandidateSelection` would describe a choice the
///   closed-list ballot does not offer;
/// - ballots received, spoiled and unused (no element counts ballot paper; `BallotsOutstanding` means
///   ballots not yet counted); the registered voters on the reporting stations' lists;
/// - `Overvotes`/`Undervotes` (`OtherCounts`): invalid ballots are not split by cause on the form.
public enum NISTResultsExport {
    /// `ElectionResults.ResultsStatus`.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case preElection = "pre-election"
        case unofficialPartial = "unofficial-partial"
        case unofficialComplete = "unofficial-complete"
        case certified
        case correction
        case recount
    }

    /// Why a report cannot be exported.
    public enum ExportError: Error, Equatable, Sendable, CustomStringConvertible {
        /// A constituency has votes or seats for a ballot number that is not among the report's parties.
        case unknownParty(ballotNumber: PartyNumber, constituency: ProvinceCode)
        /// Two constituencies have the same code: their identifiers would collide.
        case duplicateConstituency(ProvinceCode)
        /// A commune or station whose constituency or commune is not in the definition.
        case unitOutsideTheElection(String)

        public var description: String {
            switch self {
            case .unknownParty(let n, let c): "NIST export: constituency \(c) has figures for party \(n), which is not in the report"
            case .duplicateConstituency(let c): "NIST export: constituency \(c) appears twice"
            case .unitOutsideTheElection(let code): "NIST export: unit \(code) lies in no unit of the election"
            }
        }
    }

    /// A commune's or polling station's figures for a detailed report, with its names.
    public struct DetailUnit: Sendable {
        public var totals: ResultTotals
        public var nameEnglish: String
        public var nameKhmer: String
        /// A commune's kind (`Commune`, `Sangkat`); ignored for a station.
        public var kind: String

        public init(totals: ResultTotals, nameEnglish: String, nameKhmer: String, kind: String = "") {
            self.totals = totals
            self.nameEnglish = nameEnglish
            self.nameKhmer = nameKhmer
            self.kind = kind
        }
    }

    public static let defaultIssuer = "National Election Committee"
    public static let defaultIssuerAbbreviation = "NEC"
    /// Cambodia's time, UTC+7 all year.
    public static let cambodiaTime = TimeZone(secondsFromGMT: 7 * 3600)!

    /// The status the national totals give: `certified` when complete and confirmed,
    /// `unofficial-complete` when complete only, `unofficial-partial` otherwise. The other statuses
    /// (`pre-election` for a zero report, `correction`, `recount`) are the caller's to choose.
    public static func status(of report: ResultsReport) -> Status {
        if report.national.isOfficial { return .certified }
        if report.national.isComplete { return .unofficialComplete }
        return .unofficialPartial
    }

    /// The report as NIST JSON (UTF-8, keys sorted, so the same report gives the same bytes).
    /// - Parameters:
    ///   - generatedAt: when the report was generated; written with its offset in `timeZone`.
    ///   - status: overrides ``status(of:)``.
    ///   - publication: Sala's publication number, if the report is a publication.
    ///   - country: the name of the national reporting unit.
    ///   - detail: communes and stations to report below their provinces, with their own figures.
    public static func json(
        _ report: ResultsReport, generatedAt: Date, status: Status? = nil, publication: Int? = nil,
        issuer: String = defaultIssuer, issuerAbbreviation: String = defaultIssuerAbbreviation,
        country: (english: String, khmer: String) = ("Cambodia", "កម្ពុជា"), timeZone: TimeZone = cambodiaTime,
        detail: [DetailUnit] = []
    ) throws -> Data {
        let document = try electionReport(
            report, generatedAt: generatedAt, status: status ?? self.status(of: report), publication: publication,
            issuer: issuer, issuerAbbreviation: issuerAbbreviation, country: country, timeZone: timeZone, detail: detail)
        return try encoded(document)
    }

    /// A document as written: keys sorted, so the same document gives the same bytes.
    static func encoded(_ document: ElectionReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }

    /// `GeneratedDate`: the moment with its offset in `timeZone`.
    static func timestamp(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = timeZone
        return formatter.string(from: date)
    }

    // MARK: Building

    static let nationalID = "gpu-national"
    static func partyID(_ ballotNumber: PartyNumber) -> String { "party-\(ballotNumber)" }
    static func unitID(_ code: ProvinceCode) -> String { "gpu-\(code)" }
    static func unitID(_ code: CommuneCode) -> String { "gpu-\(code)" }
    static func unitID(_ code: StationCode) -> String { "gpu-\(code)" }

    static func partyObjects(_ parties: [Party]) -> [PartyObject] {
        parties.map { p in
            PartyObject(
                id: partyID(p.id), name: .both(english: p.nameEnglish, khmer: p.nameKhmer),
                abbreviation: p.abbreviation.isEmpty ? nil : InternationalizedText([LanguageString(p.abbreviation, "en")]))
        }
    }

    static func electionReport(
        _ report: ResultsReport, generatedAt: Date, status: Status, publication: Int?,
        issuer: String, issuerAbbreviation: String, country: (english: String, khmer: String), timeZone: TimeZone,
        detail: [DetailUnit] = []
    ) throws -> ElectionReport {
        var seen = Set<ProvinceCode>()
        let known = Set(report.parties.map(\.id))
        for c in report.constituencies {
            guard seen.insert(c.constituency.id).inserted else { throw ExportError.duplicateConstituency(c.constituency.id) }
            for n in Set(c.totals.counts.votes.keys).union(c.seats.keys).sorted() where !known.contains(n) {
                throw ExportError.unknownParty(ballotNumber: n, constituency: c.constituency.id)
            }
        }

        for unit in detail where unit.totals.code.province.map({ !seen.contains($0) }) ?? true {
            throw ExportError.unitOutsideTheElection(unit.totals.code.rawValue)
        }
        for unit in detail {
            for n in unit.totals.counts.votes.keys.sorted() where !known.contains(n) {
                throw ExportError.unknownParty(ballotNumber: n, constituency: unit.totals.code.province ?? "00")
            }
        }
        let parties = partyObjects(report.parties)
        // Each detail unit goes into the nearest unit above it that the report has.
        let detailCodes = Set(detail.map(\.totals.code))
        func parent(_ code: UnitCode) -> String {
            if case .station(let station) = code, detailCodes.contains(.commune(station.commune)) { return "gpu-\(station.commune)" }
            return code.province.map(unitID) ?? nationalID
        }
        let composing = Dictionary(grouping: detail.map(\.totals.code), by: parent).mapValues { $0.sorted().map { "gpu-\($0)" } }
        let detailUnits = detail.map { unit -> ReportingUnit in
            let code = unit.totals.code
            let isStation = code.level == .station
            return ReportingUnit(
                id: "gpu-\(code)", type: isStation ? "polling-place" : "other", otherType: isStation ? nil : unit.kind.lowercased(),
                number: code.rawValue, name: .both(english: unit.nameEnglish, khmer: unit.nameKhmer),
                composing: composing["gpu-\(code)"], totals: unit.totals)
        }
        let detailByProvince = Dictionary(grouping: detail) { $0.totals.code.province }

        let national = ReportingUnit(
            id: nationalID, type: "country", otherType: nil, number: nil,
            name: .both(english: country.english, khmer: country.khmer),
            composing: report.constituencies.map { unitID($0.constituency.id) }, totals: report.national)
        let provinces = report.constituencies.map { c in
            ReportingUnit(
                id: unitID(c.constituency.id), type: "other", otherType: c.constituency.kind, number: c.constituency.id.rawValue,
                name: .both(english: c.constituency.nameEnglish, khmer: c.constituency.nameKhmer),
                composing: composing[unitID(c.constituency.id)], totals: c.totals)
        }

        let ballots = [BallotCounts(unit: nationalID, counts: report.national.counts)]
            + report.constituencies.map { BallotCounts(unit: unitID($0.constituency.id), counts: $0.totals.counts) }
            + detail.map { BallotCounts(unit: "gpu-\($0.totals.code)", counts: $0.totals.counts) }

        let contests = report.constituencies.map { c in
            let unit = unitID(c.constituency.id)
            let onBallot = Set(c.totals.counts.votes.keys).union(c.seats.keys)
            let selections = report.parties.filter { onBallot.contains($0.id) }.map { p in
                PartySelection(
                    id: "selection-\(c.constituency.id)-\(p.id)", partyIDs: [partyID(p.id)], sequenceOrder: p.id.rawValue,
                    voteCounts: [
                        VoteCounts(type: "total", count: c.totals.counts.votes[p.id] ?? 0, unit: unit),
                        VoteCounts(type: "seats", count: c.seats[p.id] ?? 0, unit: unit),
                    ] + (detailByProvince[c.constituency.id] ?? []).filter { $0.totals.stationsReported > 0 }.map {
                        VoteCounts(type: "total", count: $0.totals.counts.votes[p.id] ?? 0, unit: "gpu-\($0.totals.code)")
                    })
            }
            let counting = countStatus(c.totals)
            let seatsStatus = counting == "completed" && c.tie != nil ? "in-process" : counting
            return PartyContest(
                id: "contest-\(c.constituency.id)", name: c.constituency.nameEnglish, district: unit,
                selections: selections,
                countStatus: [CountStatus(type: "total", status: counting), CountStatus(type: "seats", status: seatsStatus)],
                subUnitsReported: c.totals.stationsReported, totalSubUnits: c.totals.stationsTotal)
        }

        let election = ElectionObject(
            name: .both(english: report.election.nameEnglish, khmer: report.election.nameKhmer),
            date: report.election.electionDay.iso, scope: nationalID, ballotCounts: ballots, contests: contests,
            externalIdentifier: [ExternalIdentifier(otherType: "sala-election-id", value: report.election.id)])

        let ties = report.constituencies.compactMap { c -> String? in
            guard let tie = c.tie else { return nil }
            let names = tie.parties.map { n in report.parties.first { $0.id == n }?.nameEnglish ?? "party \(n)" }
            return "\(c.constituency.nameEnglish): \(tie.seats) seat(s) await a drawing of lots between \(names.joined(separator: ", "))."
        }

        return ElectionReport(
            generatedDate: timestamp(generatedAt, in: timeZone), issuer: issuer, issuerAbbreviation: issuerAbbreviation,
            status: status.rawValue,
            externalIdentifier: publication.map { [ExternalIdentifier(otherType: "sala-publication", value: String($0))] },
            notes: ties.isEmpty ? nil : ties.joined(separator: " "),
            parties: parties, gpUnits: [national] + provinces + detailUnits, elections: [election])
    }

    /// `ElectionResults.CountItemStatus` of a unit's count: nothing, some or every station reported.
    static func countStatus(_ totals: ResultTotals) -> String {
        if totals.isComplete { return "completed" }
        return totals.stationsReported == 0 ? "not-processed" : "in-process"
    }

    // MARK: Schema objects (only the properties Sala fills; names and `@type` as the schema spells them)

    struct LanguageString: Encodable {
        let type = "ElectionResults.LanguageString"
        var content: String
        var language: String
        init(_ content: String, _ language: String) {
            self.content = content
            self.language = language
        }
        enum CodingKeys: String, CodingKey {
            case type = "@type", content = "Content", language = "Language"
        }
    }

    struct InternationalizedText: Encodable {
        let type = "ElectionResults.InternationalizedText"
        var text: [LanguageString]
        init(_ text: [LanguageString]) { self.text = text }
        static func both(english: String, khmer: String) -> Self {
            Self([LanguageString(english, "en"), LanguageString(khmer, "km")])
        }
        enum CodingKeys: String, CodingKey {
            case type = "@type", text = "Text"
        }
    }

    struct ExternalIdentifier: Encodable {
        let type = "ElectionResults.ExternalIdentifier"
        let identifierType = "other"
        var otherType: String
        var value: String
        enum CodingKeys: String, CodingKey {
            case type = "@type", identifierType = "Type", otherType = "OtherType", value = "Value"
        }
    }

    struct ElectionReport: Encodable {
        let type = "ElectionResults.ElectionReport"
        let format = "summary-contest"
        var generatedDate: String
        var issuer: String
        var issuerAbbreviation: String
        let vendorApplicationID = "Sala"
        var status: String
        let sequenceStart = 1
        let sequenceEnd = 1
        var externalIdentifier: [ExternalIdentifier]?
        var notes: String?
        var parties: [PartyObject]
        var gpUnits: [ReportingUnit]
        var elections: [ElectionObject]
        enum CodingKeys: String, CodingKey {
            case type = "@type", format = "Format", generatedDate = "GeneratedDate", issuer = "Issuer"
            case issuerAbbreviation = "IssuerAbbreviation", vendorApplicationID = "VendorApplicationId", status = "Status"
            case sequenceStart = "SequenceStart", sequenceEnd = "SequenceEnd", externalIdentifier = "ExternalIdentifier"
            case notes = "Notes", parties = "Party", gpUnits = "GpUnit", elections = "Election"
        }
    }

    struct PartyObject: Encodable {
        let type = "ElectionResults.Party"
        var id: String
        var name: InternationalizedText
        var abbreviation: InternationalizedText?
        enum CodingKeys: String, CodingKey {
            case type = "@type", id = "@id", name = "Name", abbreviation = "Abbreviation"
        }
    }

    struct CountStatus: Encodable {
        let objectType = "ElectionResults.CountStatus"
        /// `ElectionResults.CountItemType`.
        var type: String
        /// `ElectionResults.CountItemStatus`.
        var status: String
        enum CodingKeys: String, CodingKey {
            case objectType = "@type", type = "Type", status = "Status"
        }
    }

    struct ReportingUnit: Encodable {
        let objectType = "ElectionResults.ReportingUnit"
        var id: String
        /// `ElectionResults.ReportingUnitType`.
        var type: String
        var otherType: String?
        var number: String?
        var name: InternationalizedText
        var composingGpUnitIDs: [String]?
        var contactInformation: ContactInformation?
        var votersRegistered: Int
        var votersParticipated: Int?
        var subUnitsReported: Int?
        var totalSubUnits: Int?
        var countStatus: [CountStatus]?

        init(id: String, type: String, otherType: String?, number: String?, name: InternationalizedText, composing: [String]?, totals: ResultTotals) {
            self.id = id
            self.type = type
            self.otherType = otherType
            self.number = number
            self.name = name
            composingGpUnitIDs = composing
            votersRegistered = totals.registeredOnList
            votersParticipated = totals.counts.ballotsIssued
            subUnitsReported = totals.stationsReported
            totalSubUnits = totals.stationsTotal
            countStatus = [CountStatus(type: "total", status: NISTResultsExport.countStatus(totals))]
        }

        /// A unit before any vote: its name, what it is made of and the voters on its register.
        init(
            id: String, type: String, otherType: String?, number: String?, name: InternationalizedText, composing: [String]?,
            votersRegistered: Int, contactInformation: ContactInformation? = nil
        ) {
            self.id = id
            self.type = type
            self.otherType = otherType
            self.number = number
            self.name = name
            composingGpUnitIDs = composing
            self.contactInformation = contactInformation
            self.votersRegistered = votersRegistered
        }

        enum CodingKeys: String, CodingKey {
            case objectType = "@type", id = "@id", type = "Type", otherType = "OtherType", number = "Number", name = "Name"
            case composingGpUnitIDs = "ComposingGpUnitIds", contactInformation = "ContactInformation"
            case votersRegistered = "VotersRegistered"
            case votersParticipated = "VotersParticipated", subUnitsReported = "SubUnitsReported"
            case totalSubUnits = "TotalSubUnits", countStatus = "CountStatus"
        }
    }

    struct BallotCounts: Encodable {
        let objectType = "ElectionResults.BallotCounts"
        let type = "total"
        var unit: String
        var ballotsCast: Int
        var ballotsRejected: Int
        init(unit: String, counts: ResultCounts) {
            self.unit = unit
            ballotsCast = counts.ballotsInBox
            ballotsRejected = counts.invalidBallots
        }
        enum CodingKeys: String, CodingKey {
            case objectType = "@type", type = "Type", unit = "GpUnitId", ballotsCast = "BallotsCast", ballotsRejected = "BallotsRejected"
        }
    }

    struct VoteCounts: Encodable {
        let objectType = "ElectionResults.VoteCounts"
        /// `ElectionResults.CountItemType`: `total` for votes, `seats` for seats won.
        var type: String
        var count: Int
        var unit: String
        enum CodingKeys: String, CodingKey {
            case objectType = "@type", type = "Type", count = "Count", unit = "GpUnitId"
        }
    }

    struct PartySelection: Encodable {
        let type = "ElectionResults.PartySelection"
        var id: String
        var partyIDs: [String]
        var sequenceOrder: Int
        var voteCounts: [VoteCounts]?
        enum CodingKeys: String, CodingKey {
            case type = "@type", id = "@id", partyIDs = "PartyIds", sequenceOrder = "SequenceOrder", voteCounts = "VoteCounts"
        }
    }

    struct PartyContest: Encodable {
        let type = "ElectionResults.PartyContest"
        var id: String
        var name: String
        var district: String
        let voteVariation = "proportional"
        var selections: [PartySelection]
        var countStatus: [CountStatus]?
        var subUnitsReported: Int?
        var totalSubUnits: Int?
        enum CodingKeys: String, CodingKey {
            case type = "@type", id = "@id", name = "Name", district = "ElectionDistrictId", voteVariation = "VoteVariation"
            case selections = "ContestSelection", countStatus = "CountStatus"
            case subUnitsReported = "SubUnitsReported", totalSubUnits = "TotalSubUnits"
        }
    }

    struct ElectionObject: Encodable {
        let objectType = "ElectionResults.Election"
        let type = "general"
        var name: InternationalizedText
        var startDate: String
        var endDate: String
        var scope: String
        var ballotCounts: [BallotCounts]?
        var contests: [PartyContest]
        var externalIdentifier: [ExternalIdentifier]
        init(name: InternationalizedText, date: String, scope: String, ballotCounts: [BallotCounts]?, contests: [PartyContest], externalIdentifier: [ExternalIdentifier]) {
            self.name = name
            startDate = date
            endDate = date
            self.scope = scope
            self.ballotCounts = ballotCounts
            self.contests = contests
            self.externalIdentifier = externalIdentifier
        }
        enum CodingKeys: String, CodingKey {
            case objectType = "@type", type = "Type", name = "Name", startDate = "StartDate", endDate = "EndDate"
            case scope = "ElectionScopeId", ballotCounts = "BallotCounts", contests = "Contest"
            case externalIdentifier = "ExternalIdentifier"
        }
    }

    struct ContactInformation: Encodable {
        let type = "ElectionResults.ContactInformation"
        var addressLines: [String]
        var latLng: LatLng
        enum CodingKeys: String, CodingKey {
            case type = "@type", addressLines = "AddressLine", latLng = "LatLng"
        }
    }

    struct LatLng: Encodable {
        let type = "ElectionResults.LatLng"
        var latitude: Double
        var longitude: Double
        enum CodingKeys: String, CodingKey {
            case type = "@type", latitude = "Latitude", longitude = "Longitude"
        }
    }
}
