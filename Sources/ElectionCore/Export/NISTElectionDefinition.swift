import Foundation

/// An election as defined (``ElectionReferenceData``) as a NIST SP 1500-100 v2 `ElectionReport`
/// with `Status` `pre-election`: what the election is before any vote, for other systems to load.
///
/// The same identifiers as the results export, so a results report matches the definition:
/// - the nation → `ReportingUnit` `gpu-national` (`country`), made of the constituencies;
/// - each constituency → `gpu-<code>` (`other`, `OtherType` its kind), made of its communes;
/// - each commune → `gpu-<code>` (`other`, `OtherType` its kind in lower case, `commune` or
///   `sangkat`), made of its polling stations;
/// - each polling station → `gpu-<code>` (`polling-place`), with its address (English, then
///   Khmer, as `AddressLine`s) and its position (`LatLng`);
/// - every unit's `VotersRegistered` is the voters on its stations' lists;
/// - each party → `party-<ballot number>`; each constituency → `PartyContest` `contest-<code>`
///   with one `PartySelection` per party with a list there, in ballot order, and no counts.
///
/// Commissions and their members are not part of the report (NIST has no place for them).
///
/// The seats a constituency elects have no place in a `PartyContest` (see ``NISTResultsExport``);
/// candidates are left out for the same reason as there: nothing ties a candidate to a contest.
extension NISTResultsExport {
    /// The definition as NIST JSON (UTF-8, keys sorted: the same definition gives the same bytes).
    public static func json(
        _ definition: ElectionReferenceData, generatedAt: Date,
        issuer: String = defaultIssuer, issuerAbbreviation: String = defaultIssuerAbbreviation,
        country: (english: String, khmer: String) = ("Cambodia", "កម្ពុជា"), timeZone: TimeZone = cambodiaTime
    ) throws -> Data {
        let document = ElectionReport(
            generatedDate: timestamp(generatedAt, in: timeZone), issuer: issuer, issuerAbbreviation: issuerAbbreviation,
            status: Status.preElection.rawValue, externalIdentifier: nil, notes: nil,
            parties: partyObjects(definition.parties), gpUnits: try units(definition, country: country),
            elections: [try election(definition)])
        return try encoded(document)
    }

    static func units(_ d: ElectionReferenceData, country: (english: String, khmer: String)) throws -> [ReportingUnit] {
        var seen = Set<ProvinceCode>()
        for c in d.constituencies where !seen.insert(c.id).inserted { throw ExportError.duplicateConstituency(c.id) }
        let communes = Set(d.communes.map(\.id))
        if let lost = d.communes.first(where: { !seen.contains($0.provinceCode) }) { throw ExportError.unitOutsideTheElection(lost.id.rawValue) }
        if let lost = d.pollingStations.first(where: { !communes.contains($0.communeCode) }) {
            throw ExportError.unitOutsideTheElection(lost.id.rawValue)
        }
        let stationsByCommune = Dictionary(grouping: d.pollingStations, by: \.communeCode)
        let communesByProvince = Dictionary(grouping: d.communes, by: \.provinceCode)
        func registered(_ stations: [PollingStation]) -> Int { stations.reduce(0) { $0 + $1.registeredVoters } }

        let national = ReportingUnit(
            id: nationalID, type: "country", otherType: nil, number: nil, name: .both(english: country.english, khmer: country.khmer),
            composing: d.constituencies.map { unitID($0.id) }, votersRegistered: registered(d.pollingStations))
        var units = [national]
        for c in d.constituencies {
            let inside = (communesByProvince[c.id] ?? []).sorted { $0.id < $1.id }
            units.append(ReportingUnit(
                id: unitID(c.id), type: "other", otherType: c.kind, number: c.id.rawValue,
                name: .both(english: c.nameEnglish, khmer: c.nameKhmer), composing: inside.map { unitID($0.id) },
                votersRegistered: registered(inside.flatMap { stationsByCommune[$0.id] ?? [] })))
        }
        for commune in d.communes.sorted(by: { $0.id < $1.id }) {
            let stations = (stationsByCommune[commune.id] ?? []).sorted { $0.id < $1.id }
            units.append(ReportingUnit(
                id: unitID(commune.id), type: "other", otherType: commune.kind.lowercased(), number: commune.id.rawValue,
                name: .both(english: commune.nameEnglish, khmer: commune.nameKhmer), composing: stations.map { unitID($0.id) },
                votersRegistered: registered(stations)))
        }
        for station in d.pollingStations.sorted(by: { $0.id < $1.id }) {
            units.append(ReportingUnit(
                id: unitID(station.id), type: "polling-place", otherType: nil, number: station.id.rawValue,
                name: .both(english: station.nameEnglish, khmer: station.nameKhmer), composing: nil,
                votersRegistered: station.registeredVoters,
                contactInformation: ContactInformation(
                    addressLines: [station.addressEnglish, station.addressKhmer].filter { !$0.isEmpty },
                    latLng: LatLng(latitude: station.position.latitude, longitude: station.position.longitude))))
        }
        return units
    }

    static func election(_ d: ElectionReferenceData) throws -> ElectionObject {
        let known = Set(d.parties.map(\.id))
        let ballots = d.ballots
        let contests = try d.constituencies.map { c in
            let ballot = ballots[c.id] ?? []
            if let unknown = ballot.first(where: { !known.contains($0) }) {
                throw ExportError.unknownParty(ballotNumber: unknown, constituency: c.id)
            }
            return PartyContest(
                id: "contest-\(c.id)", name: c.nameEnglish, district: unitID(c.id),
                selections: ballot.map { PartySelection(id: "selection-\(c.id)-\($0)", partyIDs: [partyID($0)], sequenceOrder: $0.rawValue) })
        }
        return ElectionObject(
            name: .both(english: d.election.nameEnglish, khmer: d.election.nameKhmer), date: d.election.electionDay.iso,
            scope: nationalID, ballotCounts: nil, contests: contests,
            externalIdentifier: [ExternalIdentifier(otherType: "sala-election-id", value: d.election.id)])
    }
}
