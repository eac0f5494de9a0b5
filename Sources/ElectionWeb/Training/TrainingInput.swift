import ElectionCore
import Foundation

/// One parsing of a training session, for the desk's form and the API.
enum TrainingInput {
    /// What the form or the JSON body gives, by the same names; `trainers` one per line.
    struct Fields: Sendable, Decodable {
        var tier: String?
        var province: String?
        var title: String?
        var day: String?
        var starts: String?
        var ends: String?
        var place: String?
        var trainers: String?

        init(form: [String: String]) {
            tier = form["tier"]
            province = form["province"]
            title = form["title"]
            day = form["day"]
            starts = form["starts"]
            ends = form["ends"]
            place = form["place"]
            trainers = form["trainers"]
        }
    }

    static func session(_ fields: Fields) throws -> TrainingSession {
        guard let tier = fields.tier.flatMap(CommissionLevel.init(rawValue:)) else { throw InputError(field: "tier", reason: "choice") }
        let province = try Input.optionalProvince(fields.province.map { Substring($0) })
        let title = try Input.text(fields.title.map { Substring($0) }, field: "title") ?? ""
        guard let day = fields.day.flatMap({ CalendarDate(iso: $0) }) else { throw InputError(field: "day", reason: "calendar_date") }
        guard let starts = fields.starts.flatMap(ClockTime.init) else { throw InputError(field: "starts", reason: "clock_time") }
        guard let ends = fields.ends.flatMap(ClockTime.init) else { throw InputError(field: "ends", reason: "clock_time") }
        let place = try Input.text(fields.place.map { Substring($0) }, field: "place") ?? ""
        let trainers = (try Input.longText(fields.trainers, field: "trainers", required: true) ?? "")
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return TrainingSession(id: 0, tier: tier, province: province, title: title, day: day, starts: starts, ends: ends, place: place, trainers: trainers)
    }

    /// "12,345 of 12,800 (96.45%)": the exact share.
    static func share(_ coverage: TrainingCoverage, _ language: Language) -> String {
        let counts = language.text("training.share").replacingOccurrences(of: "{trained}", with: language.number(coverage.trained))
            .replacingOccurrences(of: "{members}", with: language.number(coverage.members))
        guard coverage.members > 0 else { return counts }
        return counts + " (" + language.percent(Rational(coverage.trained, coverage.members)) + ")"
    }
}
