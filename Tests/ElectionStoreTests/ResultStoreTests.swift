import Crypto
import ElectionCore
import ElectionCredentials
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
import Foundation
import Testing

/// Result forms through the store: what is kept, what a refusal leaves, and totals that add up
/// to the forms. On SQLite each test writes to its own copy; on PostgreSQL the tests share one
/// database, so each uses its own accounts and stations.
@Suite struct ResultStoreTests {
    /// A writable store on the engine.
    static func store(_ engine: StoreEngine) async throws -> SQLElectionStore {
        switch engine {
        case .sqlite: return try await TestDatabases.writableSQLite()
        case .postgres: return try await engine.store()
        }
    }

    /// Two commune officials and a provincial official with names unique to this test.
    static func officials(_ store: SQLElectionStore, commune: CommuneCode) async throws -> (Official, Official, Official) {
        let tag = UUID().uuidString.prefix(8)
        return (
            try await store.addOfficial(name: "a-\(tag)", role: .communeOfficial, unitCode: .commune(commune), passwordHash: "!"),
            try await store.addOfficial(name: "b-\(tag)", role: .communeOfficial, unitCode: .commune(commune), passwordHash: "!"),
            try await store.addOfficial(name: "p-\(tag)", role: .provincialOfficial, unitCode: .province(commune.province), passwordHash: "!"))
    }

    /// The generated count form of every station in a commune, as the replay enters them.
    static func forms(in commune: CommuneCode, _ store: SQLElectionStore) async throws -> [(PollingStation, ResultCounts)] {
        let stations = try await store.pollingStations(inCommune: commune)
        let counts = CountGenerator(official: try OfficialResults.cambodia2023(), seed: 11)
            .counts(for: stations.map { .init(code: $0.id, registeredVoters: $0.registeredVoters) })
        return Array(zip(stations, counts))
    }

    /// A commune with at least two stations, different for each engine's tests so PostgreSQL tests do not collide.
    static func commune(_ index: Int, _ store: SQLElectionStore) async throws -> CommuneCode {
        let communes = try await store.communes(inProvince: "17")
        var found: [CommuneCode] = []
        for c in communes where try await store.pollingStations(inCommune: c.id).count >= 2 { found.append(c.id) }
        return found[index]
    }

    @Test(arguments: StoreEngine.available)
    func doubleEntryIsStoredAndTotalsAddUpTheForms(_ engine: StoreEngine) async throws {
        let store = try await Self.store(engine)
        let commune = try await Self.commune(0, store)
        let (a, b, p) = try await Self.officials(store, commune: commune)
        let forms = try await Self.forms(in: commune, store)
        let first = try await store.apply(forms.map { FormRequest(stationCode: $0.0.id, expectedVersion: 1, action: .enter($0.1), official: a) }, at: Date())
        #expect(first.allSatisfy { (try? $0.get().status) == .awaitingSecondEntry })
        let before = try await store.resultTotals(level: .commune, within: .commune(commune)).first
        #expect(before?.stationsReported == 0)
        let second = try await store.apply(forms.map { FormRequest(stationCode: $0.0.id, expectedVersion: 1, action: .enter($0.1), official: b) }, at: Date())
        let waiting = second.compactMap { try? $0.get() }.filter { $0.status == .awaitingAcknowledgement }
        _ = try await store.apply(waiting.map { FormRequest(stationCode: $0.stationCode, expectedVersion: 1, action: .acknowledge, official: p) }, at: Date())

        var expected = ResultCounts.zero
        for (_, counts) in forms { expected.add(counts) }
        let totals = try #require(try await store.resultTotals(level: .commune, within: .commune(commune)).first)
        #expect(totals.stationsReported == forms.count)
        #expect(totals.stationsTotal == forms.count)
        #expect(totals.counts.validVotes == expected.validVotes)
        #expect(totals.counts.votes.filter { $0.value > 0 } == expected.votes.filter { $0.value > 0 })
        #expect(totals.counts.invalidBallots == expected.invalidBallots)
        let stations = try await store.resultTotals(level: .station, within: .commune(commune))
        #expect(stations.map(\.code) == forms.map(\.0.id.unit))
        #expect(stations.reduce(0) { $0 + $1.counts.ballotsInBox } == expected.ballotsInBox)

        let versions = try await store.resultFormVersions(station: forms[0].0.id)
        #expect(versions.count == 1)
        #expect(versions[0].entries.map(\.officialID) == [a.id, b.id])
        #expect(versions[0].counts == forms[0].1)
        let history = try await store.formEvents(station: forms[0].0.id)
        #expect(history.map(\.officialName).prefix(2) == [a.name, b.name])
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func aRefusedActionStoresNothingAndDoesNotStopTheOthers(_ engine: StoreEngine) async throws {
        let store = try await Self.store(engine)
        let commune = try await Self.commune(1, store)
        let (a, _, _) = try await Self.officials(store, commune: commune)
        let forms = try await Self.forms(in: commune, store)
        var wrong = forms[0].1
        wrong.invalidBallots += 1
        let outcomes = try await store.apply([
            FormRequest(stationCode: forms[0].0.id, expectedVersion: 1, action: .enter(wrong), official: a),
            FormRequest(stationCode: forms[1].0.id, expectedVersion: 1, action: .enter(forms[1].1), official: a),
            FormRequest(stationCode: forms[1].0.id, expectedVersion: 1, action: .enter(forms[1].1), official: a),
            FormRequest(stationCode: "999999999", expectedVersion: 1, action: .enter(forms[1].1), official: a),
        ], at: Date())
        #expect(refusal(outcomes[0]) == .failedChecks)
        #expect((try? outcomes[1].get().status) == .awaitingSecondEntry)
        #expect(refusal(outcomes[2]) == .sameOfficial)
        #expect((try? outcomes[3].get()) == nil)
        #expect(try await store.resultFormVersions(station: forms[0].0.id).isEmpty)
        #expect(try await store.formEvents(station: forms[0].0.id).isEmpty)
        #expect(try await store.resultFormVersions(station: forms[1].0.id).first?.entries.count == 1)
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func aCorrectionKeepsEveryVersionAndTheLatestAcceptedCounts(_ engine: StoreEngine) async throws {
        let store = try await Self.store(engine)
        let commune = try await Self.commune(2, store)
        let (a, b, p) = try await Self.officials(store, commune: commune)
        let (station, counts) = try await Self.forms(in: commune, store)[0]
        func act(_ action: FormAction, _ who: Official, _ version: Int) async throws -> ResultFormVersion {
            try await store.apply([FormRequest(stationCode: station.id, expectedVersion: version, action: action, official: who)], at: Date())[0].get()
        }
        _ = try await act(.enter(counts), a, 1)
        if try await act(.enter(counts), b, 1).status == .awaitingAcknowledgement { _ = try await act(.acknowledge, p, 1) }
        let opened = try await act(.correct(reason: "recount at the commune"), p, 1)
        #expect(opened.version == 2)
        // Until version 2 is accepted, version 1 still counts.
        #expect(try await store.acceptedCounts(station: station.id) == counts)
        var recount = counts
        let moved = min(1, recount.votes[1] ?? 0)
        recount.votes[1, default: 0] -= moved
        recount.votes[2, default: 0] += moved
        _ = try await act(.enter(recount), a, 2)
        await #expect(throws: Refusal.self) { _ = try await act(.enter(recount), b, 1) }
        if try await act(.enter(recount), b, 2).status == .awaitingAcknowledgement { _ = try await act(.acknowledge, p, 2) }
        let versions = try await store.resultFormVersions(station: station.id)
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions[0].counts == counts)
        #expect(versions[1].reason == "recount at the commune")
        #expect(try await store.acceptedCounts(station: station.id) == recount)
        try await store.close()
    }

    /// Provinces' and communes' totals are running sums the writer keeps; after entries, a
    /// correction and its acceptance they are still the sum of their stations' current forms.
    @Test(arguments: StoreEngine.available)
    func provinceAndCommuneTotalsStayTheSumOfTheirStationsThroughACorrection(_ engine: StoreEngine) async throws {
        let store = try await Self.store(engine)
        do {
            let commune = try await Self.commune(4, store)
            let (a, b, p) = try await Self.officials(store, commune: commune)
            let forms = try await Self.forms(in: commune, store)
            #expect(try await store.apply([], at: Date()).isEmpty, "an empty group changes nothing and is no error")
            try await store.acceptForms(forms.map { ($0.0.id, $0.1) }, enteredBy: [a, b], acknowledgedBy: p)
            // A recount moves votes and a spoiled ballot at the first station, and is accepted as version 2.
            let (station, counts) = forms[0]
            var recount = counts
            let moved = min(3, recount.votes[1] ?? 0)
            recount.votes[1, default: 0] -= moved
            recount.votes[2, default: 0] += moved
            _ = try await store.apply([FormRequest(stationCode: station.id, expectedVersion: 1, action: .correct(reason: "recount"), official: p)], at: Date())
            try await store.acceptForms([(station.id, recount)], version: 2, enteredBy: [a, b], acknowledgedBy: p)
            #expect(try await store.acceptedCounts(station: station.id) == recount)

            // Read in one snapshot: on PostgreSQL other tests enter forms in the same database meanwhile.
            let (provinces, communes, stations) = try await store.snapshot { s in
                (try await s.resultTotals(level: .province, within: .province(commune.province)),
                 try await s.resultTotals(level: .commune, within: .province(commune.province)),
                 try await s.resultTotals(level: .station, within: .province(commune.province)))
            }
            func sum(_ totals: some Sequence<ResultTotals>) -> (Int, ResultCounts) {
                totals.reduce((0, ResultCounts.zero)) { sum, t in
                    var counts = sum.1
                    counts.add(t.counts)
                    return (sum.0 + t.stationsReported, counts)
                }
            }
            let ours = try #require(communes.first { $0.code == .commune(commune) })
            let ourStations = stations.filter { $0.code.rawValue.hasPrefix(commune.rawValue) }
            #expect(ours.stationsReported == forms.count)
            #expect(ours.stationsReported == sum(ourStations).0 && ours.counts == sum(ourStations).1)
            #expect(ours.counts.votes[2] == forms.reduce(0) { $0 + ($1.1.votes[2] ?? 0) } + moved)
            let province = try #require(provinces.first)
            #expect(province.stationsReported == sum(stations).0 && province.counts == sum(stations).1)
            #expect(province.stationsReported == sum(communes).0 && province.counts == sum(communes).1)
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }

    @Test func confirmationNeedsACompleteProvinceAndPublicationsAreDigestedSnapshots() async throws {
        let store = try await TestDatabases.writableSQLite()
        let nec = try await store.addOfficial(name: "nec", role: .necAdministrator, unitCode: "", passwordHash: "!")
        let province: ProvinceCode = "23"
        let kep = try await store.addOfficial(name: "pec-kep", role: .provincialOfficial, unitCode: .province(province), passwordHash: "!")
        let other = try await store.addOfficial(name: "pec-pailin", role: .provincialOfficial, unitCode: "24", passwordHash: "!")
        let early = await #expect(throws: Refusal.self) { try await store.confirmResults(.province(province), by: kep, at: Date()) }
        #expect(early?.reason == .countIncomplete)
        let stations = try await store.pollingStations(inProvince: province)
        let counts = CountGenerator(official: try OfficialResults.cambodia2023(), seed: 3)
            .counts(for: stations.map { .init(code: $0.id, registeredVoters: $0.registeredVoters) })
        let second = try await store.addOfficial(name: "pec-kep-2", role: .provincialOfficial, unitCode: .province(province), passwordHash: "!")
        for who in [kep, second] {
            _ = try await store.apply(zip(stations, counts).map { FormRequest(stationCode: $0.0.id, expectedVersion: 1, action: .enter($0.1), official: who) }, at: Date())
        }
        let pending = try await store.formStatuses(within: .province(province)).filter { $0.value == .awaitingAcknowledgement }.keys
        _ = try await store.apply(pending.map { FormRequest(stationCode: $0, expectedVersion: 1, action: .acknowledge, official: nec) }, at: Date())
        let outside = await #expect(throws: Refusal.self) { try await store.confirmResults(.province(province), by: other, at: Date()) }
        #expect(outside?.reason == .outsideUnit)
        try await store.confirmResults(.province(province), by: kep, at: Date())
        let totals = try #require(try await store.resultTotals(level: .province, within: .province(province)).first)
        #expect(totals.isOfficial)
        let national = await #expect(throws: Refusal.self) { try await store.confirmResults(.nation, by: nec, at: Date()) }
        #expect(national?.reason == .countIncomplete)

        let report = try await store.resultsReport()
        let signer = try NECSigner(privateKey: NECSigner.newPrivateKey())
        await #expect(throws: Refusal.self) { _ = try await store.publish(report, by: kep, at: Date(), signing: signer.signature(of:)) }
        let first = try await store.publish(report, by: nec, at: Date(), signing: signer.signature(of:))
        let second2 = try await store.publish(report, by: nec, at: Date(), signing: signer.signature(of:))
        #expect((first.number, second2.number) == (1, 2))
        let stored = try await store.publication(1)
        let digest = SHA256.hash(data: stored.content).map { String(format: "%02x", $0) }.joined()
        #expect(stored.digest == digest)
        // Signed with the NEC's key: the signature holds for the stored bytes, and for no others.
        let signature = try #require(stored.signature)
        #expect(signer.verifier.isSignature(signature, of: stored.content))
        #expect(!signer.verifier.isSignature(signature, of: stored.content + Data(" ".utf8)))
        #expect(!(try NECSigner(privateKey: NECSigner.newPrivateKey())).verifier.isSignature(signature, of: stored.content))
        #expect(try await store.publications().first { $0.number == 1 }?.signature == signature)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(ResultsReport.self, from: stored.content)
        #expect(decoded.national.counts.ballotsInBox == counts.reduce(0) { $0 + $1.ballotsInBox })
        #expect(decoded.constituencies.first { $0.constituency.id == province }?.totals.isOfficial == true)
        #expect(try await store.publications().map(\.number) == [2, 1])

        // A correction in a confirmed province makes it provisional again.
        _ = try await store.apply([FormRequest(stationCode: stations[0].id, expectedVersion: 1, action: .correct(reason: "complaint upheld"), official: kep)], at: Date())
        #expect(try await store.resultTotals(level: .province, within: .province(province)).first?.confirmed == false)

        // Found by probing: the province could be confirmed again while the correction was open,
        // and stayed confirmed when the correction's different figures were accepted.
        let whileOpen = await #expect(throws: Refusal.self) { try await store.confirmResults(.province(province), by: kep, at: Date()) }
        #expect(whileOpen?.reason == .countIncomplete)
        #expect(whileOpen?.message.contains(stations[0].id.rawValue) == true)
        var recount = counts[0]
        let moved = min(2, recount.votes[1] ?? 0)
        recount.votes[1, default: 0] -= moved
        recount.votes[2, default: 0] += moved
        for who in [kep, second] {
            _ = try await store.apply([FormRequest(stationCode: stations[0].id, expectedVersion: 2, action: .enter(recount), official: who)], at: Date())
        }
        if try await store.formStatuses(within: .station(stations[0].id))[stations[0].id] == .awaitingAcknowledgement {
            _ = try await store.apply([FormRequest(stationCode: stations[0].id, expectedVersion: 2, action: .acknowledge, official: nec)], at: Date())
        }
        #expect(try await store.acceptedCounts(station: stations[0].id) == recount)
        #expect(try await store.resultTotals(level: .province, within: .province(province)).first?.confirmed == false)
        try await store.confirmResults(.province(province), by: kep, at: Date())
        #expect(try await store.resultTotals(level: .province, within: .province(province)).first?.confirmed == true)
        try await store.close()
    }

    @Test(arguments: StoreEngine.available)
    func accountsSessionsAndTokens(_ engine: StoreEngine) async throws {
        let store = try await Self.store(engine)
        let name = "official-\(UUID().uuidString.prefix(8))"
        let official = try await store.addOfficial(name: name, role: .communeOfficial, unitCode: "010201", passwordHash: "$2b$hash")
        await #expect(throws: StoreError.duplicate("account", name)) {
            _ = try await store.addOfficial(name: name, role: .communeOfficial, unitCode: "010201", passwordHash: "x")
        }
        await #expect(throws: StoreError.notFound("commune", "999999")) {
            _ = try await store.addOfficial(name: name + "x", role: .communeOfficial, unitCode: "999999", passwordHash: "x")
        }
        await #expect(throws: StoreError.notFound("province", "010201")) {
            _ = try await store.addOfficial(name: name + "y", role: .provincialOfficial, unitCode: "010201", passwordHash: "x")
        }
        // Found by the start of the name, without case; LIKE's own marks match only themselves.
        _ = try await store.addOfficial(name: name + "_a", role: .communeOfficial, unitCode: "010201", passwordHash: "x")
        _ = try await store.addOfficial(name: name + "ba", role: .communeOfficial, unitCode: "010201", passwordHash: "x")
        #expect(try await store.officialAccounts(namePrefix: name.uppercased(), limit: 10).map(\.official.name) == [name, name + "_a", name + "ba"])
        #expect(try await store.officialAccounts(namePrefix: name + "_", limit: 10).map(\.official.name) == [name + "_a"])
        #expect(try await store.officialAccounts(namePrefix: name + "%", limit: 10).isEmpty)
        #expect(try await store.officialAccounts(namePrefix: name, limit: 2).count == 2)
        #expect(try await store.officialAccount(named: name)?.passwordHash == "$2b$hash")
        let digest = "session-\(name)"
        try await store.startSession(tokenDigest: digest, csrfToken: "csrf", officialID: official.id, expires: Date().addingTimeInterval(60))
        #expect(try await store.session(tokenDigest: digest, now: Date())?.official == official)
        #expect(try await store.session(tokenDigest: digest, now: Date().addingTimeInterval(120)) == nil)
        try await store.endSession(tokenDigest: digest)
        #expect(try await store.session(tokenDigest: digest, now: Date()) == nil)
        try await store.addMachineToken(digest: "token-\(name)", officialID: official.id, label: "scanner", expires: nil)
        #expect(try await store.official(machineTokenDigest: "token-\(name)", now: Date()) == official)
        #expect(try await store.official(machineTokenDigest: "nothing", now: Date()) == nil)

        // Found by probing: no way to disable an account or revoke a token, and tokens never expired.
        let soon = Date().addingTimeInterval(3_600)
        try await store.addMachineToken(digest: "expiring-\(name)", officialID: official.id, label: "laptop", expires: soon)
        #expect(try await store.official(machineTokenDigest: "expiring-\(name)", now: Date()) == official)
        #expect(try await store.official(machineTokenDigest: "expiring-\(name)", now: soon.addingTimeInterval(1)) == nil)
        #expect(try await store.revokeMachineTokens(of: official.id, label: "scanner", at: Date()) == 1)
        #expect(try await store.official(machineTokenDigest: "token-\(name)", now: Date()) == nil)
        #expect(try await store.official(machineTokenDigest: "expiring-\(name)", now: Date()) == official)

        try await store.startSession(tokenDigest: digest, csrfToken: "csrf", officialID: official.id, expires: soon)
        try await store.setDisabled(true, officialID: official.id, event: AccountEvent(officialName: name, at: Date(), kind: .disabled, detail: "left"))
        #expect(try await store.officialAccount(named: name)?.disabledAt != nil)
        #expect(try await store.session(tokenDigest: digest, now: Date()) == nil)
        #expect(try await store.official(machineTokenDigest: "expiring-\(name)", now: Date()) == nil)
        try await store.setDisabled(false, officialID: official.id, event: AccountEvent(officialName: name, at: Date(), kind: .enabled))
        #expect(try await store.official(machineTokenDigest: "expiring-\(name)", now: Date()) == official)
        // The disabling ended the session: enabling does not bring it back.
        #expect(try await store.session(tokenDigest: digest, now: Date()) == nil)

        try await store.startSession(tokenDigest: digest, csrfToken: "csrf", officialID: official.id, expires: soon)
        try await store.setPassword(of: official.id, hash: "$2b$new", event: AccountEvent(officialName: name, at: Date(), kind: .passwordReset))
        #expect(try await store.officialAccount(named: name)?.passwordHash == "$2b$new")
        #expect(try await store.session(tokenDigest: digest, now: Date()) == nil)
        #expect(try await store.endSessions(of: official.id) == 0)

        let log = try await store.accountEvents(of: name, limit: 100).map(\.kind)
        #expect(log == [.passwordReset, .enabled, .disabled, .tokenRevoked, .tokenAdded, .tokenAdded, .added])
        try await store.close()
    }

    /// A group of forms writes hundreds of audited rows in one transaction; they are sealed in the
    /// order written, the chain holds after them and nothing is left unsealed.
    @Test(arguments: StoreEngine.available)
    func formGroupsAreSealedIntoAnUnbrokenChain(_ engine: StoreEngine) async throws {
        let store = try await Self.store(engine)
        do {
            let before = try await store.verifyAuditChain()
            let commune = try await Self.commune(3, store)
            let (a, b, _) = try await Self.officials(store, commune: commune)
            let forms = try await Self.forms(in: commune, store)
            for official in [a, b] {
                let outcomes = try await store.apply(
                    forms.map { FormRequest(stationCode: $0.0.id, expectedVersion: 1, action: .enter($0.1), official: official) }, at: Date())
                #expect(outcomes.allSatisfy { (try? $0.get()) != nil })
            }
            let after = try await store.verifyAuditChain()
            #expect(after.problems.isEmpty, "\(after.problems)")
            #expect(after.unsealed == 0)
            // At least an event and a form row for each entry, and the settled votes of each form.
            let votes = forms.reduce(0) { $0 + $1.1.votes.count }
            #expect(after.entries >= before.entries + 2 * forms.count + votes)
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }
}

/// The reason an action was refused, if it was.
func refusal(_ outcome: Result<ResultFormVersion, any Error>) -> Refusal.Reason? {
    if case .failure(let error) = outcome { return (error as? Refusal)?.reason }
    return nil
}
