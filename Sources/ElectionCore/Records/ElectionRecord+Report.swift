extension ElectionRecord {
    /// The current election's results as they stand, in a record's shape, to be compared with the
    /// elections before it. Votes are the counted forms' (with how many stations they cover);
    /// seats only for constituencies whose count is complete, and nationally only when every one
    /// is, since seats from part of a count are not seats.
    public init(report: ResultsReport) {
        let e = report.election
        func totals(_ t: ResultTotals) -> Totals {
            // Before the first form is accepted there is nothing counted, not a count of zero.
            let counted = t.stationsReported > 0
            return Totals(
                registeredVoters: t.registeredOnList, ballotsCast: counted ? t.counts.ballotsInBox : nil,
                validVotes: counted ? t.counts.validVotes : nil, invalidVotes: counted ? t.counts.invalidBallots : nil)
        }
        func figures(_ t: ResultTotals, seats: [PartyNumber: Int]?) -> UnitFigures {
            let parties = report.parties.map { party in
                PartyFigures(party: party.id, votes: t.stationsReported > 0 ? t.counts.votes[party.id] ?? 0 : nil, seats: seats.map { $0[party.id] ?? 0 })
            }.filter { $0.votes != nil || $0.seats != nil }
            return UnitFigures(totals: totals(t), parties: parties, stationsReported: t.stationsReported, stationsTotal: t.stationsTotal)
        }
        var byConstituency: [ProvinceCode: UnitFigures] = [:]
        for c in report.constituencies {
            byConstituency[c.constituency.id] = figures(c.totals, seats: c.totals.isComplete && c.totals.stationsTotal > 0 && c.tie == nil ? c.seats : nil)
        }
        let complete = !report.constituencies.isEmpty && report.constituencies.allSatisfy { $0.totals.isComplete && $0.totals.stationsTotal > 0 && $0.tie == nil }
        let status: Status = report.national.confirmed ? .official : (report.national.isComplete && report.national.stationsTotal > 0 ? .provisional : .counting)
        self.init(
            election: Definition(
                id: e.id, nameEnglish: e.nameEnglish, nameKhmer: e.nameKhmer, kind: e.kind, electionDay: e.electionDay,
                seats: e.seats, seatAllocationMethod: e.seatAllocationMethod),
            status: status, constituencies: report.constituencies.map(\.constituency), parties: report.parties,
            national: figures(report.national, seats: complete ? report.seatsByParty : nil),
            byConstituency: byConstituency, provenance: ["figures": "counted result forms, as the results pages show them"])
    }
}
