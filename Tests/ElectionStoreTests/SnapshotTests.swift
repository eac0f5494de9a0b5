import ElectionCore
import ElectionCredentials
import ElectionScenario
import ElectionStore
import ElectionStoreSQL
import Foundation
import Testing

/// A publication is read as one snapshot: made while forms are being committed, its nation is
/// still the sum of its provinces, and each province the sum of the forms accepted at that moment.
extension ResultStoreTests {
    @Test(arguments: StoreEngine.available)
    func publicationsMadeWhileFormsArriveAddUp(_ engine: StoreEngine) async throws {
        let store = try await Self.store(engine)
        // Pailin: no other test enters forms there, so on the shared PostgreSQL database only
        // this test's forms change it (and a rerun starts from the forms a previous run left).
        let province: ProvinceCode = "24"
        let entered = try await store.formStatuses(within: .province(province))
        let all = try await store.pollingStations(inProvince: province)
        let stations = Array(all.filter { entered[$0.id] == nil }.prefix(24))
        try #require(stations.count >= 10, "Pailin has no fresh stations left in this database")
        let forms = CountGenerator(official: try OfficialResults.cambodia2023(), seed: 5)
            .counts(for: all.map { .init(code: $0.id, registeredVoters: $0.registeredVoters) })
        let formOf = Dictionary(uniqueKeysWithValues: zip(all.map(\.id), forms))
        let before = try #require(try await store.resultTotals(level: .province, within: .province(province)).first)

        let tag = UUID().uuidString.prefix(8)
        let a = try await store.addOfficial(name: "snap-a-\(tag)", role: .provincialOfficial, unitCode: .province(province), passwordHash: "!")
        let b = try await store.addOfficial(name: "snap-b-\(tag)", role: .provincialOfficial, unitCode: .province(province), passwordHash: "!")
        let nec = try await store.addOfficial(name: "snap-nec-\(tag)", role: .necAdministrator, unitCode: .nation, passwordHash: "!")

        // One station at a time, each accepted before the next starts: the accepted forms are
        // always the first k of `stations`.
        let entering = Task {
            for station in stations {
                let form = formOf[station.id]!
                for who in [a, b] {
                    _ = try await store.apply(
                        [FormRequest(stationCode: station.id, expectedVersion: 1, action: .enter(form), official: who)], at: Date())[0].get()
                }
                if try await store.resultFormVersions(station: station.id).last?.status == .awaitingAcknowledgement {
                    _ = try await store.apply(
                        [FormRequest(stationCode: station.id, expectedVersion: 1, action: .acknowledge, official: nec)], at: Date())[0].get()
                }
            }
        }
        var publications: [Publication] = []
        for _ in 0..<8 { publications.append(try await store.publishResults(by: nec, at: Date(), signing: { try NECSigner(privateKey: NECSigner.newPrivateKey()).signature(of: $0) })) }
        try await entering.value
        publications.append(try await store.publishResults(by: nec, at: Date(), signing: { try NECSigner(privateKey: NECSigner.newPrivateKey()).signature(of: $0) }))

        var sawPartial = false
        for publication in publications {
            let report = try await store.publication(publication.number).report()
            var sum = ResultCounts.zero
            for c in report.constituencies { sum.add(c.totals.counts) }
            #expect(report.national.counts == sum, "publication \(publication.number)")
            #expect(report.national.stationsReported == report.constituencies.reduce(0) { $0 + $1.totals.stationsReported })

            let pailin = try #require(report.constituencies.first { $0.constituency.id == province }?.totals)
            let k = pailin.stationsReported - before.stationsReported
            #expect((0...stations.count).contains(k))
            var expected = before.counts
            for station in stations.prefix(k) { expected.add(formOf[station.id]!) }
            #expect(pailin.counts == expected, "publication \(publication.number): \(k) forms")
            if k > 0 && k < stations.count { sawPartial = true }
        }
        let last = try await store.publication(publications.last!.number).report()
        #expect(last.constituencies.first { $0.constituency.id == province }?.totals.stationsReported == before.stationsReported + stations.count)
        // Not a check of the store: says whether the publications overlapped the writes this time.
        if !sawPartial { print("note: no publication fell between two forms in this run") }
        try await store.close()
    }
}
