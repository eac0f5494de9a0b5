import ElectionCore
import Foundation

/// How the quick count's figures are written, on its page and in the mission's report: shares as
/// percentages to one decimal and intervals as ranges, in the language's digits.
struct QuickCountText: Sendable {
    let language: Language

    /// `0.4567` as `45.7%`.
    func share(_ fraction: Double) -> String { language.localDigits(String(format: "%.1f", 100 * fraction)) + "%" }

    /// An interval as `44.1–47.3` (percentage points).
    func range(_ low: Double, _ high: Double) -> String { language.localDigits(String(format: "%.1f–%.1f", 100 * low, 100 * high)) }

    /// "995 of 1,014 sampled stations reported (19 through substitutes)."
    func reporting(_ estimates: QuickCountEstimates) -> String {
        language.fill("quickcount.reporting", [
            "n": language.number(estimates.standing), "total": language.number(estimates.sampled),
            "substitutes": language.number(estimates.strata.reduce(0) { $0 + $1.substitutes }),
        ])
    }

    /// The warning that missing stations could bias the estimate, when they could.
    func bias(_ bias: QuickCountEstimates.Bias, provinceName: (ProvinceCode) -> String?) -> String? {
        guard bias.mayBias else { return nil }
        return language.fill("quickcount.bias", [
            "missing": language.number(bias.missing), "sampled": language.number(bias.sampled),
            "strata": bias.strataBelowHalf.map { unit in unit.province.flatMap(provinceName) ?? unit.rawValue }.joined(separator: ", "),
            "standing": bias.meanRegisteredStanding.map { language.number(Int($0.rounded())) } ?? "–",
            "absent": bias.meanRegisteredMissing.map { language.number(Int($0.rounded())) } ?? "–",
        ])
    }

    /// The quick count's section of the mission's report: reporting, the bias warning, the
    /// national estimates with their intervals, and the seats projected.
    func reportSection(
        _ q: QuickCountEstimates, parties: [Party], provinceNames: [ProvinceCode: String], provinceNamesKhmer: [ProvinceCode: String]?
    ) -> MissionReportSections.Section {
        let l = language
        let names = Dictionary(uniqueKeysWithValues: parties.map { ($0.id, l.pick($0.nameEnglish, $0.nameKhmer)) })
        let byShare = (q.national?.parties ?? []).sorted { $0.share.estimate > $1.share.estimate }
        var table = [[l.text("quickcount.party"), l.text("quickcount.estimate"), l.text("quickcount.interval95"), l.text("quickcount.interval99")]]
        table += byShare.map { [names[$0.party] ?? $0.party.description, share($0.share.estimate), range($0.share.low95, $0.share.high95),
                                range($0.share.low99, $0.share.high99)] }
        for (key, figure) in [("quickcount.turnout", q.national?.turnout), ("quickcount.invalid", q.national?.invalidShare)] {
            if let figure { table.append([l.text(key), share(figure.estimate), range(figure.low95, figure.high95), range(figure.low99, figure.high99)]) }
        }
        let name = { (code: ProvinceCode) -> String? in l.pick(provinceNames[code] ?? code.rawValue, given: provinceNamesKhmer?[code]) }
        let seats = (q.projection?.parties ?? []).filter { $0.high > 0 }.sorted { $0.median > $1.median }.map {
            l.fill("quickcount.report_seats", [
                "party": names[$0.party] ?? $0.party.description, "seats": l.number($0.median), "range": l.localDigits("\($0.low)–\($0.high)"),
                "majority": share($0.majorityProbability),
            ])
        }
        return MissionReportSections.Section(
            title: l.text("quickcount.title"),
            paragraphs: [reporting(q), bias(q.bias, provinceName: name), q.national == nil ? l.text("quickcount.no_estimate") : l.text("quickcount.method"),
                         q.projection.map { l.fill("quickcount.seats_note", ["n": l.number($0.simulations), "total": l.number($0.totalSeats)]) }]
                .compactMap { $0 },
            items: seats, table: table.count > 1 ? table : [])
    }
}
