import ElectionCore
import Testing

/// The result form's checks and its life: blind double entry, disputes, warnings, corrections.
@Suite struct ResultFormTests {
    static let ballot: [PartyNumber] = [1, 2, 3]
    static let context = FormContext(ballot: ballot, registeredOnList: 500)
    static let station: StationCode = "010201003"
    static let first = Official(id: 1, name: "station.a", role: .stationOfficial, unitCode: .station(station))
    static let second = Official(id: 2, name: "station.b", role: .stationOfficial, unitCode: .station(station))
    static let commune = Official(id: 3, name: "commune", role: .communeOfficial, unitCode: "010201")
    static let elsewhere = Official(id: 4, name: "other", role: .communeOfficial, unitCode: "010202")

    /// A consistent paper form: 400 issued and in the box, 20 invalid, 380 valid.
    static func paper(votes: [PartyNumber: Int] = [1: 300, 2: 50, 3: 30]) -> ResultCounts {
        ResultCounts(
            registeredVoters: 500, ballotsReceived: 510, ballotsIssued: 400, ballotsInBox: 400,
            spoiledBallots: 2, unusedBallots: 108, invalidBallots: 20, votes: votes)
    }

    func fresh() -> ResultFormVersion { ResultFormVersion(stationCode: Self.station, version: 1) }

    @Test func aConsistentFormPassesEveryCheck() {
        #expect(FormCheck.findings(for: Self.paper(), in: Self.context).isEmpty)
    }

    /// The paper form with one mistake that the check `code` exists to catch.
    static func paper(withMistakeFor code: String) -> ResultCounts {
        var c = paper()
        switch code {
        case "F01": c.spoiledBallots = -1; c.unusedBallots += 1
        case "F02": c.votes[4] = 0
        case "F03": c.invalidBallots += 1
        case "F04": c.ballotsInBox = 401; c.invalidBallots = 21
        case "F05": c.unusedBallots -= 1
        default: c.registeredVoters = 399
        }
        return c
    }

    @Test(arguments: ["F01", "F02", "F03", "F04", "F05", "F06"])
    func eachErrorCheckCatchesItsMistake(code: String) {
        let failed = FormCheck.findings(for: Self.paper(withMistakeFor: code), in: Self.context).filter { $0.severity == .error }.map(\.id)
        #expect(failed.contains(code), "\(failed)")
    }

    @Test func aPartyWithMoreVotesThanBallotsFailsF07() {
        let counts = Self.paper(votes: [1: 401, 2: 0, 3: 0])
        let failed = FormCheck.findings(for: counts, in: Self.context).map(\.id)
        #expect(failed.contains("F07"))
        #expect(failed.contains("F03"))
    }

    @Test func warningsAreFoundButAreNotErrors() {
        var counts = Self.paper(votes: [1: 100, 2: 50, 3: 30])
        counts.invalidBallots = 220  // 55% invalid
        let findings = FormCheck.findings(for: counts, in: FormContext(ballot: Self.ballot, registeredOnList: 499))
        #expect(findings.map(\.id) == ["F09", "F12"])
        #expect(findings.allSatisfy { $0.severity == .warning })
    }

    @Test func twoMatchingEntriesAreAccepted() throws {
        let once = try fresh().applying(.enter(Self.paper()), by: Self.first, expectedVersion: 1, context: Self.context)
        #expect(once.status == .awaitingSecondEntry)
        #expect(once.counts == nil)
        let twice = try once.applying(.enter(Self.paper()), by: Self.second, expectedVersion: 1, context: Self.context)
        #expect(twice.status == .accepted)
        #expect(twice.counts == Self.paper())
    }

    @Test func theSameOfficialCannotEnterTwice() throws {
        let once = try fresh().applying(.enter(Self.paper()), by: Self.first, expectedVersion: 1, context: Self.context)
        #expect(throws: Refusal.self) {
            try once.applying(.enter(Self.paper()), by: Self.first, expectedVersion: 1, context: Self.context)
        }
        do {
            _ = try once.applying(.enter(Self.paper()), by: Self.first, expectedVersion: 1, context: Self.context)
        } catch {
            #expect(error.reason == .sameOfficial)
        }
    }

    @Test func differingEntriesGoToACoordinatorWhoSettlesThem() throws {
        let typo = Self.paper(votes: [1: 290, 2: 60, 3: 30])
        let once = try fresh().applying(.enter(Self.paper()), by: Self.first, expectedVersion: 1, context: Self.context)
        let disputed = try once.applying(.enter(typo), by: Self.second, expectedVersion: 1, context: Self.context)
        #expect(disputed.status == .disputed)
        #expect(disputed.differences == ["votes.1", "votes.2"])
        #expect(disputed.counts == nil)
        #expect(throws: Refusal.self) {
            try disputed.applying(.resolve(Self.paper()), by: Self.second, expectedVersion: 1, context: Self.context)
        }
        let settled = try disputed.applying(.resolve(Self.paper()), by: Self.commune, expectedVersion: 1, context: Self.context)
        #expect(settled.status == .accepted)
        #expect(settled.resolvedBy == Self.commune.id)
        #expect(settled.entries.count == 2)
    }

    @Test func warningsNeedAnotherOfficialsAcknowledgement() throws {
        var counts = Self.paper(votes: [1: 100, 2: 50, 3: 30])
        counts.invalidBallots = 220
        let once = try fresh().applying(.enter(counts), by: Self.first, expectedVersion: 1, context: Self.context)
        let twice = try once.applying(.enter(counts), by: Self.second, expectedVersion: 1, context: Self.context)
        #expect(twice.status == .awaitingAcknowledgement)
        #expect(twice.warnings == ["F09"])
        #expect(throws: Refusal.self) {
            try twice.applying(.acknowledge, by: Self.first, expectedVersion: 1, context: Self.context)
        }
        let accepted = try twice.applying(.acknowledge, by: Self.commune, expectedVersion: 1, context: Self.context)
        #expect(accepted.status == .accepted)
        #expect(accepted.acknowledgedBy == Self.commune.id)
    }

    /// Found by probing: a third official of the same station, who entered nothing, acknowledged
    /// warnings and the form became accepted with no commission above the station involved.
    @Test func aStationsOwnOfficialMayNotAcknowledgeWarnings() throws {
        var counts = Self.paper(votes: [1: 100, 2: 50, 3: 30])
        counts.invalidBallots = 220
        let twice = try fresh()
            .applying(.enter(counts), by: Self.first, expectedVersion: 1, context: Self.context)
            .applying(.enter(counts), by: Self.second, expectedVersion: 1, context: Self.context)
        let third = Official(id: 5, name: "station.c", role: .stationOfficial, unitCode: .station(Self.station))
        do {
            _ = try twice.applying(.acknowledge, by: third, expectedVersion: 1, context: Self.context)
            Issue.record("a station official acknowledged warnings")
        } catch {
            #expect(error.reason == .roleMayNot)
        }
    }

    /// A province confirmed while a correction was open stayed confirmed when the correction's
    /// different figures were accepted: their acceptance reopens it, as opening it does.
    @Test func acceptingACorrectionsFiguresReopensTheProvinceAndTheNation() throws {
        let accepted = try fresh()
            .applying(.enter(Self.paper()), by: Self.first, expectedVersion: 1, context: Self.context)
            .applying(.enter(Self.paper()), by: Self.second, expectedVersion: 1, context: Self.context)
        let opening = try accepted.transition(.correct(reason: "recount"), by: Self.commune, expectedVersion: 1, context: Self.context)
        #expect(opening.reopens == [.province("01"), .nation])
        let moved = Self.paper(votes: [1: 298, 2: 52, 3: 30])
        let once = try opening.form.transition(.enter(moved), by: Self.first, expectedVersion: 2, context: Self.context)
        #expect(once.reopens.isEmpty)
        let twice = try once.form.transition(.enter(moved), by: Self.second, expectedVersion: 2, context: Self.context)
        #expect(twice.form.status == .accepted)
        #expect(twice.reopens == [.province("01"), .nation])
        // The first count's acceptance confirms nothing away.
        let first = try fresh().applying(.enter(Self.paper()), by: Self.first, expectedVersion: 1, context: Self.context)
            .transition(.enter(Self.paper()), by: Self.second, expectedVersion: 1, context: Self.context)
        #expect(first.reopens.isEmpty)
    }

    @Test func aFormFailingErrorChecksIsRefusedWithTheirNumbers() throws {
        var counts = Self.paper()
        counts.invalidBallots = 25
        do {
            _ = try fresh().applying(.enter(counts), by: Self.first, expectedVersion: 1, context: Self.context)
            Issue.record("an inconsistent form was taken")
        } catch {
            #expect(error.reason == .failedChecks)
            #expect(error.checks == ["F03"])
        }
    }

    @Test func officialsActOnlyWithinTheirUnitAndOnTheLatestVersion() throws {
        #expect(throws: Refusal.self) {
            try fresh().applying(.enter(Self.paper()), by: Self.elsewhere, expectedVersion: 1, context: Self.context)
        }
        do {
            _ = try fresh().applying(.enter(Self.paper()), by: Self.first, expectedVersion: 2, context: Self.context)
        } catch {
            #expect(error.reason == .staleVersion)
            #expect(error.field == "version")
        }
    }

    @Test func aCorrectionIsANewVersionWithAReasonFromACoordinator() throws {
        let accepted = try fresh()
            .applying(.enter(Self.paper()), by: Self.first, expectedVersion: 1, context: Self.context)
            .applying(.enter(Self.paper()), by: Self.second, expectedVersion: 1, context: Self.context)
        #expect(throws: Refusal.self) {
            try accepted.applying(.correct(reason: "recount"), by: Self.first, expectedVersion: 1, context: Self.context)
        }
        #expect(throws: Refusal.self) {
            try accepted.applying(.correct(reason: "  "), by: Self.commune, expectedVersion: 1, context: Self.context)
        }
        let next = try accepted.applying(.correct(reason: "recount ordered"), by: Self.commune, expectedVersion: 1, context: Self.context)
        #expect(next.version == 2)
        #expect(next.status == .awaitingFirstEntry)
        #expect(next.reason == "recount ordered")
        #expect(next.entries.isEmpty)
    }

    @Test func totalsAddFormsAndPercentagesRoundExactly() {
        var sum = ResultCounts.zero
        sum.add(Self.paper())
        sum.add(Self.paper(votes: [1: 100, 2: 200, 3: 80]))
        #expect(sum.votes == [1: 400, 2: 250, 3: 110])
        #expect(sum.ballotsInBox == 800)
        #expect(Rational(1, 3).percent(decimals: 2) == "33.33")
        #expect(Rational(2, 3).percent(decimals: 2) == "66.67")
        #expect(Rational(8_214_430, 9_710_655).percent(decimals: 2) == "84.59")
        #expect(Rational(1, 8).percent(decimals: 1) == "12.5")
        #expect(Rational(1, 200).percent(decimals: 0) == "1")
    }

    @Test func leadingPartyIsNilOnATie() {
        let tied = ResultTotals(
            level: .commune, code: "010201", counts: Self.paper(votes: [1: 190, 2: 190, 3: 0]), stationsReported: 1,
            stationsTotal: 2, registeredOnList: 900, confirmed: false)
        #expect(tied.leadingParty == nil)
        #expect(!tied.isOfficial)
    }
}
