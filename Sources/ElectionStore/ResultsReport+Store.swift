import Foundation
import ElectionCore

extension ElectionStore where Self: ResultStore {
    /// The results as they stand: national and provincial totals, and for each province whose
    /// count is complete its seats by the election's method and the members they elect (a
    /// province still counting has none yet: part of its votes elects nobody).
    /// The report is read as one snapshot, so the nation's totals are the sum of its provinces'.
    public func resultsReport() async throws -> ResultsReport {
        try await snapshot { store in try await store.reportAsRead() }
    }

    private func reportAsRead() async throws -> ResultsReport {
        let election = try await election()
        guard let method = SeatMethod(name: election.seatAllocationMethod) else {
            throw StoreError.refused("the election names an unknown seat allocation method: \(election.seatAllocationMethod)")
        }
        let parties = try await parties()
        let national = try await resultTotals(level: .national, within: .nation).first
            ?? ResultTotals(level: .national, code: .nation, counts: .zero, stationsReported: 0, stationsTotal: 0, registeredOnList: 0, confirmed: false)
        let totals = Dictionary(uniqueKeysWithValues: try await resultTotals(level: .province, within: .nation).compactMap { totals in
            totals.code.province.map { ($0, totals) }
        })
        var results: [ResultsReport.ConstituencyResult] = []
        var listsByConstituency: [ProvinceCode: [PartyNumber: [Candidate]]] = [:]
        for candidate in try await candidates() {
            listsByConstituency[candidate.constituencyCode, default: [:]][candidate.partyID, default: []].append(candidate)
        }
        for constituency in try await constituencies() {
            let lists = listsByConstituency[constituency.id] ?? [:]
            let province = totals[constituency.id] ?? ResultTotals(
                level: .province, code: .province(constituency.id), counts: .zero, stationsReported: 0, stationsTotal: 0,
                registeredOnList: 0, confirmed: false)
            // Seats only from a complete count: part of a province's votes elects nobody.
            guard province.stationsTotal > 0, province.isComplete else {
                results.append(.init(constituency: constituency, totals: province, seats: [:], tie: nil, elected: []))
                continue
            }
            var votes = province.counts.votes
            for party in lists.keys where votes[party] == nil { votes[party] = 0 }
            let ballot = election.seatRules.ties == .ballotOrder ? try await ballot(constituency: constituency.id) : []
            let seats = try ConstituencySeats(
                constituencyCode: constituency.id, seats: constituency.seats, method: method, rules: election.seatRules, votes: votes,
                nationalVotes: national.counts.votes, lists: lists, ballot: ballot)
            results.append(.init(
                constituency: constituency, totals: province, seats: seats.seatsByParty, tie: seats.tie, unfilled: seats.unfilled,
                elected: seats.elected.map { ElectedMember($0, electionDay: election.electionDay) }))
        }
        return ResultsReport(election: election, parties: parties, national: national, constituencies: results)
    }

    /// Publishes the results as they stand, computed afresh.
    public func publishResults(by official: Official, at time: Date, signing: PublicationSigning) async throws -> Publication {
        try await publish(try await resultsReport(), by: official, at: time, signing: signing)
    }
}
