/// What a mission's checklists add up to: for each question, how often each answer was given,
/// overall and by province.
public struct QuestionFinding: Sendable, Hashable, Codable {
    public var formID: String
    public var questionID: String
    /// Submissions in which the question was answered.
    public var answered: Int
    /// Answer (`yes`, `no`, an option id; numbers, times and text are not counted) → submissions.
    public var counts: [String: Int]
    /// Province code → answer → submissions.
    public var byProvince: [ProvinceCode: [String: Int]]
    /// Hour of the day the observer filled the checklist in (0–23) → answer → submissions.
    public var byHour: [Int: [String: Int]]

    /// The share of answered submissions that gave `answer`.
    public func share(of answer: String) -> Rational {
        answered == 0 ? Rational(0) : Rational(counts[answer] ?? 0, answered)
    }

    /// Counts every yes/no and choice question of `form` over `submissions` of that form.
    public static func tally(_ form: ChecklistForm, _ submissions: [ChecklistSubmission]) -> [QuestionFinding] {
        let relevant = submissions.filter { $0.formID == form.id }
        return form.questions.filter { [.yesNo, .singleChoice, .multipleChoice].contains($0.kind) }.map { q in
            var finding = QuestionFinding(formID: form.id, questionID: q.id, answered: 0, counts: [:], byProvince: [:], byHour: [:])
            for s in relevant {
                guard let values = s.answers[q.id], !values.isEmpty else { continue }
                finding.answered += 1
                for value in values {
                    finding.counts[value, default: 0] += 1
                    finding.byProvince[s.stationCode.province, default: [:]][value, default: 0] += 1
                    finding.byHour[s.observedAt.minutes / 60, default: [:]][value, default: 0] += 1
                }
            }
            return finding
        }
    }
}

/// Something in a mission's data that a person should look at before it is published.
public struct DataQualityFlag: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Two observers answered a yes/no question differently at the same station and phase.
        case observersDisagree = "observers-disagree"
        /// A visit begins before the station opens for that phase or ends after the day.
        case visitOutsideHours = "visit-outside-hours"
        /// A checklist for a station the mission did not record a visit to.
        case checklistWithoutVisit = "checklist-without-visit"
    }

    public var kind: Kind
    public var stationCode: StationCode
    public var detail: String

    public init(kind: Kind, stationCode: StationCode, detail: String) {
        self.kind = kind
        self.stationCode = stationCode
        self.detail = detail
    }

    /// The flags raised by a mission's visits and checklists. `pollsOpen`/`pollsClose` are the
    /// election's hours; opening is watched from an hour before, counting until midnight.
    public static func flags(
        visits: [StationVisit], submissions: [ChecklistSubmission], forms: [ChecklistForm],
        pollsOpen: ClockTime, pollsClose: ClockTime
    ) -> [DataQualityFlag] {
        var flags: [DataQualityFlag] = []
        for v in visits {
            let (earliest, latest): (Int, Int) = switch v.phase {
            case .opening: (pollsOpen.minutes - 60, pollsClose.minutes)
            case .voting: (pollsOpen.minutes, pollsClose.minutes)
            case .closing, .counting: (pollsOpen.minutes, 24 * 60 - 1)
            }
            if v.arrival.minutes < earliest || v.departure.minutes > latest || v.departure < v.arrival {
                flags.append(DataQualityFlag(kind: .visitOutsideHours, stationCode: v.stationCode, detail: "\(v.team) \(v.phase.rawValue) \(v.arrival)–\(v.departure)"))
            }
        }
        let visited = Set(visits.map(\.stationCode))
        for s in submissions where !visited.contains(s.stationCode) {
            flags.append(DataQualityFlag(kind: .checklistWithoutVisit, stationCode: s.stationCode, detail: s.id))
        }
        let formsByID = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { a, b in a.version >= b.version ? a : b })
        let groups = Dictionary(grouping: submissions) { "\($0.stationCode) \($0.formID)" }
        for key in groups.keys.sorted() {
            let group = groups[key]!
            guard Set(group.map(\.observer)).count > 1, let form = formsByID[group[0].formID] else { continue }
            for q in form.questions where q.kind == .yesNo {
                let answers = Set(group.compactMap { $0.answers[q.id]?.first })
                if answers.count > 1 {
                    flags.append(DataQualityFlag(kind: .observersDisagree, stationCode: group[0].stationCode, detail: "\(form.id).\(q.id)"))
                }
            }
        }
        return flags
    }
}
