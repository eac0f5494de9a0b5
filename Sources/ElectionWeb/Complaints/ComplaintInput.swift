import ElectionCore
import ElectionStore
import Foundation

/// One parsing of a lodged complaint, for the public form, the hotline's form and the API: every
/// field checked, the place looked up, each evidence file checked by its own bytes.
enum ComplaintInput {
    /// What the form or the JSON body gives, by the same names. The API sends evidence as base64.
    struct Fields: Sendable, Decodable {
        var category: String?
        var province: String?
        /// A station's or commune's code, when the complainant knows it.
        var area: String?
        var place: String?
        var description: String?
        var name: String?
        var phone: String?
        var evidence: [String]?

        init(form: [String: String]) {
            category = form["category"]
            province = form["province"]
            area = form["area"]
            place = form["place"]
            description = form["description"]
            name = form["name"]
            phone = form["phone"]
        }
    }

    /// A form carrying the most evidence there may be, with room for its text.
    static let bodyLimit = ComplaintEvidence.maximumFiles * ComplaintEvidence.maximumBytes * 4 / 3 + 64 * 1024

    /// The complaint the fields describe, lodged by `channel`; `complainant` names an organisation
    /// lodging it (an observer mission) instead of the `name` field.
    static func draft(_ fields: Fields, channel: Complaint.Channel, complainant: String? = nil, store: any PortalStore) async throws -> ComplaintDraft {
        guard let category = fields.category.flatMap(ComplaintCategory.init(rawValue:)) else { throw InputError(field: "category", reason: "choice") }
        let province = try Input.optionalProvince(fields.province.map { Substring($0) })
        let area = try await self.area(fields.area, province: province, store: store)
        guard area != .nation || category.firstLevel == .national else { throw InputError(field: "province", reason: "missing") }
        let place = try Input.text(fields.place.map { Substring($0) }, field: "place", required: false) ?? ""
        guard let description = try Input.longText(fields.description, field: "description", required: true), description.count >= 10 else {
            throw InputError(field: "description", reason: "complaint_description")
        }
        let name = try complainant ?? Input.fullName(fields.name ?? "", field: "name")
        let phone = (fields.phone ?? "").trimmingCharacters(in: .whitespaces)
        let digits = Complainant(name: name, phone: phone).phoneDigits
        guard (8...15).contains(digits.count), phone.allSatisfy({ $0.isNumber || " +-().".contains($0) }) else {
            throw InputError(field: "phone", reason: "phone")
        }
        return ComplaintDraft(category: category, channel: channel, area: area, place: place, description: description,
                              complainant: Complainant(name: name, phone: phone))
    }

    /// A hearing's or a decision's fields, from the desk's forms or the API, by the same names.
    struct Handling: Sendable, Decodable {
        var hearingDay: String?
        var hearingTime: String?
        var hearingPlace: String?
        var outcome: String?
        var reasons: String?

        init(form: [String: String]) {
            hearingDay = form["hearingDay"]
            hearingTime = form["hearingTime"]
            hearingPlace = form["hearingPlace"]
            outcome = form["outcome"]
            reasons = form["reasons"]
        }
    }

    /// A hearing's moment (its day and time where the election is held) and place.
    static func hearing(_ fields: Handling, election: Election) throws -> (at: Date, place: String) {
        guard let day = fields.hearingDay.flatMap({ CalendarDate(iso: $0) }) else { throw InputError(field: "hearingDay", reason: "calendar_date") }
        guard let time = fields.hearingTime.flatMap(ClockTime.init) else { throw InputError(field: "hearingTime", reason: "clock_time") }
        let place = try Input.text(fields.hearingPlace.map { Substring($0) }, field: "hearingPlace") ?? ""
        let seconds = day.daysSinceEpoch * 86_400 + (time.minutes - election.utcOffsetMinutes) * 60
        return (Date(timeIntervalSince1970: TimeInterval(seconds)), place)
    }

    /// A decision's outcome and reasons.
    static func decision(_ fields: Handling) throws -> (outcome: ComplaintOutcome, reasons: String) {
        guard let outcome = fields.outcome.flatMap(ComplaintOutcome.init(rawValue:)) else { throw InputError(field: "outcome", reason: "choice") }
        return (outcome, try Input.longText(fields.reasons, field: "reasons", required: true) ?? "")
    }

    /// The complaint a reference in an address names; a reference that cannot be one is not found
    /// either, so nothing tells a guessed reference from a malformed one. Each look-up counts
    /// against the client's share (`lookups`), hit or miss: a complainant follows a complaint in a
    /// few requests, while guessing the four letters of a reference takes hundreds of thousands.
    static func complaint(_ typed: String?, store: any PortalStore, lookups: LookupLimiter, _ context: PortalRequestContext) async throws -> Complaint {
        try lookups.count(context)
        guard let reference = typed.flatMap(ComplaintReference.normalized) else { throw StoreError.notFound("complaint", typed ?? "") }
        return try await store.complaint(reference: reference)
    }

    /// The evidence files, each refused for being empty, too large or of a type that is not JPEG, PNG or PDF.
    static func evidence(_ files: [[UInt8]]) throws -> [[UInt8]] {
        guard files.count <= ComplaintEvidence.maximumFiles else { throw InputError(field: "evidence", reason: "evidence_count") }
        for file in files {
            if let problem = ComplaintEvidence.problem(with: file) {
                throw InputError(field: "evidence", reason: String(KeyFamilies.evidenceProblem.key(problem).dropFirst("reason.".count)))
            }
        }
        return files
    }

    /// The API's evidence: base64 text for each file.
    static func evidence(base64 files: [String]?) throws -> [[UInt8]] {
        try evidence(try (files ?? []).map { text in
            guard let data = Data(base64Encoded: text) else { throw InputError(field: "evidence", reason: "evidence_encoding") }
            return [UInt8](data)
        })
    }

    /// Where it happened: the station or commune named (which must exist, and lie in the province
    /// when both are given), else the province, else the nation.
    private static func area(_ text: String?, province: ProvinceCode?, store: any PortalStore) async throws -> UnitCode {
        let code = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty else { return province.map(UnitCode.province) ?? .nation }
        guard let unit = UnitCode(rawValue: code), unit.level == .station || unit.level == .commune else {
            throw InputError(field: "area", reason: "complaint_area")
        }
        if let province, unit.province != province { throw InputError(field: "area", reason: "complaint_area_province") }
        do {
            switch unit {
            case .station(let station): _ = try await store.pollingStation(station)
            case .commune(let commune): _ = try await store.commune(commune)
            default: break
            }
        } catch StoreError.notFound {
            throw InputError(field: "area", reason: "complaint_area")
        }
        return unit
    }
}
