import ElectionCore
import ElectionStore
import Foundation

/// The scenario's complaints: about one for every ten communes, lodged in the week of the vote on
/// the public form and through the hotline, most about polling and counting; nearly all decided
/// within their days with reasons, some appealed and decided above. Everything is drawn from the
/// seed (the references' letters too), and stored through the store's own calls and rules.
extension CambodiaScenario {
    /// One generated complaint and what happened to it.
    public struct PlannedComplaint: Sendable {
        public var draft: ComplaintDraft
        public var receivedAt: Date
        /// Decided at, with the outcome and reasons; nil: still undecided.
        public var decision: (at: Date, outcome: ComplaintOutcome, reasons: String)?
        /// Appealed at, with reasons, and the decision above (nil: undecided there).
        public var appeal: (at: Date, reasons: String, decision: (at: Date, outcome: ComplaintOutcome, reasons: String)?)?
    }

    static let complaintWeights: [(ComplaintCategory, UInt64)] = [
        (.pollingAndCounting, 40), (.campaign, 20), (.voterRegister, 15), (.results, 10), (.partiesAndCandidates, 5),
        (.observersAndMedia, 5), (.other, 5),
    ]

    static let outcomeWeights: [(ComplaintOutcome, UInt64)] = [(.dismissed, 50), (.upheld, 20), (.partlyUpheld, 15), (.inadmissible, 15)]
    static let appealOutcomeWeights: [(ComplaintOutcome, UInt64)] = [(.dismissed, 70), (.partlyUpheld, 20), (.upheld, 10)]

    static let complaintTexts: [ComplaintCategory: String] = [
        .pollingAndCounting: "ប្រធានការិយាល័យមិនបានបង្ហាញហិបឆ្នោតទទេមុនពេលបើក។",
        .campaign: "មានការចែកលុយនៅក្បែរការិយាល័យបោះឆ្នោតនៅពេលល្ងាចមុនថ្ងៃបោះឆ្នោត។",
        .voterRegister: "ឈ្មោះរបស់ខ្ញុំមិនមាននៅក្នុងបញ្ជីបោះឆ្នោតទេ ទោះបីខ្ញុំបានចុះឈ្មោះហើយក៏ដោយ។",
        .results: "លទ្ធផលដែលបានបិទផ្សាយនៅការិយាល័យមិនដូចលទ្ធផលដែលបានប្រកាស។",
        .partiesAndCandidates: "បេក្ខជនម្នាក់ក្នុងបញ្ជីមិនរស់នៅក្នុងខេត្តនេះទេ។",
        .observersAndMedia: "អ្នកសង្កេតការណ៍មិនត្រូវបានអនុញ្ញាតឱ្យមើលការរាប់សន្លឹកឆ្នោត។",
        .other: "ផ្លូវទៅការិយាល័យបោះឆ្នោតត្រូវបានបិទនៅព្រឹកថ្ងៃបោះឆ្នោត។",
    ]

    static let decisionReasons: [ComplaintOutcome: String] = [
        .upheld: "គណៈកម្មការបានពិនិត្យ ហើយរកឃើញថាពាក្យបណ្តឹងមានមូលដ្ឋាន។",
        .partlyUpheld: "ផ្នែកខ្លះនៃពាក្យបណ្តឹងមានមូលដ្ឋាន ផ្នែកខ្លះទៀតគ្មានភស្តុតាង។",
        .dismissed: "គ្មានភស្តុតាងគាំទ្រពាក្យបណ្តឹងទេ តាមរបាយការណ៍របស់ការិយាល័យ និងសាក្សី។",
        .inadmissible: "ពាក្យបណ្តឹងត្រូវបានដាក់ហួសពេលកំណត់។",
    ]

    /// The complaints, in the order they were lodged.
    public func complaintPlan() -> [PlannedComplaint] {
        var generator = SeededGenerator(seed: seed, stream: 0x636F_6D70)
        let stations = reference.pollingStations.filter { $0.registeredVoters > 0 }.sorted { $0.id < $1.id }
        guard !stations.isEmpty else { return [] }
        let names = NameMaker()
        let noon = reference.election.pollsCloseInstant
        func pick<T>(_ weighted: [(T, UInt64)]) -> T {
            var draw = generator.next() % weighted.reduce(0) { $0 + $1.1 }
            for (value, weight) in weighted {
                if draw < weight { return value }
                draw -= weight
            }
            return weighted[0].0
        }
        func hours(_ range: Range<Int>) -> TimeInterval { TimeInterval(range.lowerBound + Int(generator.next() % UInt64(range.count))) * 3_600 }
        return (0..<max(1, reference.communes.count / 10)).map { _ in
            let category = pick(Self.complaintWeights)
            let station = stations[Int(generator.next() % UInt64(stations.count))]
            let sex: Sex = generator.next() % 2 == 0 ? .female : .male
            let name = names.name(sex: sex, using: &generator)
            let phone = "0" + String(10 + generator.next() % 90) + " " + String(100_000 + generator.next() % 900_000)
            let channel: Complaint.Channel = generator.next() % 3 == 0 ? .hotline : .web
            let area: UnitCode = category.firstLevel == .national ? .province(station.id.province) : .station(station.id)
            let letters = ComplaintReference.letters(using: &generator)
            let receivedAt = noon.addingTimeInterval(hours(-30..<72))
            var planned = PlannedComplaint(
                draft: ComplaintDraft(category: category, channel: channel, area: area, place: "", description: Self.complaintTexts[category]!,
                                      complainant: Complainant(name: name.khmer, phone: phone), referenceLetters: letters),
                receivedAt: receivedAt)
            guard generator.next() % 100 >= 4 else { return planned }
            let outcome = pick(Self.outcomeWeights)
            let decidedAt = receivedAt.addingTimeInterval(hours(6..<60))
            planned.decision = (decidedAt, outcome, Self.decisionReasons[outcome]!)
            guard outcome == .dismissed || outcome == .inadmissible, category.firstLevel != .national, generator.next() % 100 < 25 else { return planned }
            let appealedAt = decidedAt.addingTimeInterval(hours(4..<40))
            let above = generator.next() % 100 < 85 ? pick(Self.appealOutcomeWeights) : nil
            planned.appeal = (appealedAt, "គណៈកម្មការមិនបានស្តាប់សាក្សីរបស់ខ្ញុំទេ។",
                              above.map { (appealedAt.addingTimeInterval(hours(12..<60)), $0, Self.decisionReasons[$0]!) })
            return planned
        }
    }

    /// Lodges the plan's complaints and what happened to them, as the commissions would have.
    public func loadComplaints(into store: any ComplaintStore) async throws {
        for planned in complaintPlan() {
            let complaint = try await store.lodgeComplaint(planned.draft, evidence: [], by: nil, at: planned.receivedAt)
            guard let decision = planned.decision else { continue }
            _ = try await store.decideComplaint(complaint.id, decision.outcome, reasons: decision.reasons, by: nil, at: decision.at)
            guard let appeal = planned.appeal else { continue }
            _ = try await store.appealComplaint(reference: complaint.reference, phone: planned.draft.complainant.phone, reasons: appeal.reasons,
                                                at: appeal.at)
            if let above = appeal.decision {
                _ = try await store.decideComplaint(complaint.id, above.outcome, reasons: above.reasons, by: nil, at: above.at)
            }
        }
    }
}
