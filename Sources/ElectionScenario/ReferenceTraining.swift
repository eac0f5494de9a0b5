import ElectionCore
import ElectionStore
import Foundation

/// The scenario's training of commission members before the vote, tier by tier as the NEC
/// cascades it: the NEC's own members, then every provincial commission together, then each
/// province's commune commissions at the provincial hall, then each commune's polling-station
/// commissions at the commune hall in the three weeks before polling. Most members attend; the
/// share who missed their session is drawn from the seed, a little higher the lower the tier.
extension CambodiaScenario {
    /// The share of members who attend, per thousand, by tier.
    static let attendancePerMille: [CommissionLevel: UInt64] = [.national: 1_000, .provincial: 992, .commune: 981, .pollingStation: 968]

    /// Each session with the members who attended it.
    public func trainingPlan() -> [(session: TrainingSession, attended: [MemberSeat])] {
        var generator = SeededGenerator(seed: seed, stream: 0x7472_6169_6E)
        let commissions = Dictionary(uniqueKeysWithValues: reference.commissions.map { ($0.id, $0) })
        let members = Dictionary(grouping: reference.commissionMembers, by: \.commissionID)
        func attended(_ ids: [String], tier: CommissionLevel) -> [MemberSeat] {
            ids.sorted().flatMap { id in (members[id] ?? []).sorted { $0.seat < $1.seat } }
                .filter { _ in generator.next() % 1_000 < Self.attendancePerMille[tier]! }
                .map { MemberSeat(commission: $0.commissionID, seat: $0.seat) }
        }
        let byTier = Dictionary(grouping: commissions.values, by: \.level)
        let stationsByCommune = Dictionary(grouping: byTier[.pollingStation] ?? []) { commission -> CommuneCode? in
            if case .station(let code) = commission.unitCode { code.commune } else { nil }
        }
        func ids(_ tier: CommissionLevel, in province: ProvinceCode? = nil) -> [String] {
            (byTier[tier] ?? []).filter { province == nil || $0.unitCode.province == province }.map(\.id)
        }
        func day(_ month: Int, _ day: Int) -> CalendarDate { CalendarDate(year: 2023, month: month, day: day)! }
        let morning = ClockTime("08:00")!, noon = ClockTime("12:00")!, afternoon = ClockTime("16:30")!
        let headquarters = "ទីស្នាក់ការ គ.ជ.ប ភ្នំពេញ — NEC headquarters, Phnom Penh"
        var plan: [(TrainingSession, [MemberSeat])] = [
            (TrainingSession(id: 0, tier: .national, province: nil, title: "ច្បាប់បោះឆ្នោត និងនីតិវិធីរបស់ គ.ជ.ប — Election law and the NEC's procedures", day: day(5, 15), starts: morning,
                             ends: noon, place: headquarters, trainers: ["នាយកដ្ឋានបណ្តុះបណ្តាល គ.ជ.ប — NEC Department of Training"]), attended(ids(.national), tier: .national)),
            (TrainingSession(id: 0, tier: .provincial, province: nil, title: "ការរៀបចំការបោះឆ្នោតក្នុងខេត្ត — Running the election in the province", day: day(5, 22), starts: morning,
                             ends: afternoon, place: headquarters, trainers: ["នាយកដ្ឋានបណ្តុះបណ្តាល គ.ជ.ប — NEC Department of Training", "នាយកដ្ឋានប្រតិបត្តិការ គ.ជ.ប — NEC Department of Operations"]),
             attended(ids(.provincial), tier: .provincial)),
        ]
        for (index, province) in reference.constituencies.sorted(by: { $0.id < $1.id }).enumerated() {
            plan.append((TrainingSession(
                id: 0, tier: .commune, province: province.id, title: "គណៈកម្មការឃុំ៖ បញ្ជីបោះឆ្នោត ថ្ងៃបោះឆ្នោត និងការរាប់ — Commune commissions: the register, polling day and the count",
                day: day(6, 5 + index % 20), starts: morning, ends: afternoon, place: "សាលាខេត្ត\(province.nameKhmer) — \(province.nameEnglish) provincial hall",
                trainers: ["គណៈកម្មការរៀបចំការបោះឆ្នោតខេត្ត\(province.nameKhmer) — \(province.nameEnglish) provincial election commission"]), attended(ids(.commune, in: province.id), tier: .commune)))
        }
        for (index, commune) in reference.communes.sorted(by: { $0.id < $1.id }).enumerated() {
            let stations = (stationsByCommune[commune.id] ?? []).map(\.id)
            guard !stations.isEmpty else { continue }
            plan.append((TrainingSession(
                id: 0, tier: .pollingStation, province: commune.provinceCode, title: "ការបោះឆ្នោត និងការរាប់សន្លឹកឆ្នោតនៅការិយាល័យ — Polling and counting at the station",
                day: day(7, 1 + index % 20), starts: morning, ends: afternoon, place: "សាលាឃុំ\(commune.nameKhmer) — \(commune.nameEnglish) commune hall",
                trainers: ["គណៈកម្មការរៀបចំការបោះឆ្នោតឃុំ\(commune.nameKhmer) — \(commune.nameEnglish) commune election commission"]), attended(stations, tier: .pollingStation)))
        }
        return plan
    }

    /// Schedules the plan's sessions and records who attended each, as a commission would.
    public func loadTraining(into store: any TrainingStore) async throws {
        let plan = trainingPlan()
        let sessions = try await store.scheduleTraining(plan.map(\.session), by: nil)
        for (session, (_, attended)) in zip(sessions, plan) {
            _ = try await store.recordAttendance(session: session.id, members: attended, by: nil)
        }
    }
}
