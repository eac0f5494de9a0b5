import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The training desk: coverage by tier (and by province), the sessions, and the form to schedule one.
struct TrainingDeskPage: Sendable {
    let lang: String
    let csrf: String
    let byTier: [Fact]
    let byProvince: [Fact]
    let provinceTier: String
    let tierLinks: [Link]
    let sessions: [Link]
    let more: String?
    let tiers: [Choice]
    let provinces: [Choice]
    let title: String
    let day: String
    let starts: String
    let ends: String
    let place: String
    let trainers: String
    let error: String?
    let invalid: String
}

/// One session: its facts, who attended, and marking a commission's members present.
struct TrainingSessionPage: Sendable {
    struct Member: Sendable {
        let value: String
        let label: String
        let present: Bool
    }
    let lang: String
    let csrf: String
    let id: Int
    let title: String
    let facts: [Fact]
    let attended: String
    let commission: String
    let commissionName: String?
    let members: [Member]
    let message: String?
    let error: String?
    let invalid: String
}

struct TrainingPages: Sendable {
    let store: any PortalStore
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk/training") { request, context in
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.keepTraining, on: session.official.unitCode)
            let tier = Input.query(of: request)["tier"].flatMap { CommissionLevel(rawValue: String($0)) } ?? .pollingStation
            return try await desk(session, context.language, tier: tier, fields: [:])
        }
        router.post("desk/training") { request, context in
            let language = context.language
            let (session, form) = try await context.requireSessionForm(request)
            do {
                let scheduled = try await store.scheduleTraining([try TrainingInput.session(.init(form: form))], by: session.official)
                return Response.redirect(to: "/\(language.rawValue)/desk/training/\(scheduled[0].id)", type: .normal)
            } catch let error as InputError {
                return try await desk(session, language, tier: .pollingStation, fields: form, error: (error.message(in: language), error.field), status: .badRequest)
            } catch let refusal as Refusal where refusal.reason != .roleMayNot && refusal.reason != .outsideUnit {
                let (status, field, message) = ErrorMiddleware<PortalRequestContext>.describe(refusal, in: language)
                return try await desk(session, language, tier: .pollingStation, fields: form, error: (message, field ?? ""), status: status)
            }
        }
        router.get("desk/training/:id") { request, context in
            guard let session = context.session else { return context.signInFirst }
            let training = try await trainingSession(context)
            try session.official.require(.keepTraining, on: training.unit)
            let query = Input.query(of: request)
            return try await sessionPage(training, session, context.language, commission: query["commission"].map(String.init) ?? "",
                                         message: query["recorded"].flatMap { Int($0) })
        }
        router.post("desk/training/:id/attendance") { request, context in
            let language = context.language
            let (session, form) = try await context.requireSessionForm(request)
            let training = try await trainingSession(context)
            try session.official.require(.keepTraining, on: training.unit)
            let commission = form["commission"] ?? ""
            // Each ticked member arrives as `seat-N=on`: the form lists one commission's seats.
            let seats = form.keys.compactMap { $0.hasPrefix("seat-") ? Int($0.dropFirst(5)) : nil }
            do {
                guard !seats.isEmpty else { throw InputError(field: "members", reason: "missing") }
                let recorded = try await store.recordAttendance(
                    session: training.id, members: seats.map { MemberSeat(commission: commission, seat: $0) }, by: session.official)
                return Response.redirect(
                    to: "/\(language.rawValue)/desk/training/\(training.id)?commission=\(Input.urlEncoded(commission))&recorded=\(recorded)", type: .normal)
            } catch let error as InputError {
                return try await sessionPage(training, session, language, commission: commission, error: (error.message(in: language), error.field),
                                             status: .badRequest)
            } catch let refusal as Refusal where refusal.field == "members" {
                return try await sessionPage(training, session, language, commission: commission,
                                             error: (language.text("training.not_trained_here"), "commission"), status: .unprocessableContent)
            }
        }
    }

    private func trainingSession(_ context: PortalRequestContext) async throws -> TrainingSession {
        guard let text = context.parameters.get("id"), let id = Int(text) else { throw InputError(field: "id", reason: "number") }
        return try await store.trainingSession(id)
    }

    private func tierLabel(_ tier: CommissionLevel, _ language: Language) -> String { language.text(KeyFamilies.commissionLevel, tier) }

    private func desk(
        _ session: OfficialSession, _ language: Language, tier: CommissionLevel, fields: [String: String],
        error: (message: String, field: String)? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let l = language.rawValue, official = session.official
        let province = official.unitCode.province
        let coverage = try await store.trainingCoverage().filter { province == nil || $0.province == province }
        let provinces = try await store.constituencies()
        let names = Dictionary(uniqueKeysWithValues: provinces.map { ($0.id, language.pick($0.nameEnglish, $0.nameKhmer)) })
        let sessions = try await store.trainingSessions(province: province)
        let shown = sessions.suffix(50).reversed()
        let model = TrainingDeskPage(
            lang: l, csrf: session.csrfToken,
            byTier: TrainingCoverage.byTier(coverage).map { Fact(label: tierLabel($0.tier, language), value: TrainingInput.share($0, language)) },
            byProvince: coverage.filter { $0.tier == tier && $0.province != nil }.map {
                Fact(label: names[$0.province!] ?? $0.province!.rawValue, value: TrainingInput.share($0, language))
            },
            provinceTier: tierLabel(tier, language),
            tierLinks: [CommissionLevel.provincial, .commune, .pollingStation].map { Link(href: "/\(l)/desk/training?tier=\($0.rawValue)", label: tierLabel($0, language)) },
            sessions: shown.map { s in
                Link(href: "/\(l)/desk/training/\(s.id)", label: s.title,
                     detail: "\(language.longDate(s.day)) · \(tierLabel(s.tier, language)) · \(s.place)")
            },
            more: sessions.count > shown.count ? language.text("training.latest").replacingOccurrences(of: "{n}", with: language.number(shown.count))
                .replacingOccurrences(of: "{total}", with: language.number(sessions.count)) : nil,
            tiers: CommissionLevel.allCases.map { Choice(value: $0.rawValue, label: tierLabel($0, language), selected: $0.rawValue == fields["tier"]) },
            provinces: [Choice(value: "", label: language.text("training.national"))] + provinces.filter { province == nil || $0.id == province }.map {
                Choice(value: $0.id.rawValue, label: language.pick($0.nameEnglish, $0.nameKhmer), selected: $0.id.rawValue == (fields["province"] ?? province?.rawValue))
            },
            title: fields["title"] ?? "", day: fields["day"] ?? "", starts: fields["starts"] ?? "08:00", ends: fields["ends"] ?? "16:30",
            place: fields["place"] ?? "", trainers: fields["trainers"] ?? "", error: error?.message, invalid: error?.field ?? "")
        return renderer.page("desk-training", title: language.text("training.desk"), content: model, language: language, path: "/desk/training",
                             status: status)
    }

    private func sessionPage(
        _ training: TrainingSession, _ session: OfficialSession, _ language: Language, commission: String, message: Int? = nil,
        error: (message: String, field: String)? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let attended = try await store.attendance(session: training.id)
        var name: String?
        var members: [TrainingSessionPage.Member] = []
        if !commission.isEmpty, let found = try? await store.commission(commission) {
            name = language.pick(found.nameEnglish, found.nameKhmer)
            let present = Set(attended.filter { $0.commission == found.id }.map(\.seat))
            members = try await store.members(ofCommission: found.id).map {
                .init(value: "seat-\($0.seat)", label: "\(language.pick($0.name.latin, $0.name.khmer)) · \(language.text(KeyFamilies.commissionRole, $0.role))",
                      present: present.contains($0.seat))
            }
        }
        let model = TrainingSessionPage(
            lang: language.rawValue, csrf: session.csrfToken, id: training.id, title: training.title,
            facts: [
                Fact(label: language.text("training.tier"), value: tierLabel(training.tier, language)),
                Fact(label: language.text("training.when"), value: "\(language.longDate(training.day)), \(language.localDigits(training.starts.description))–\(language.localDigits(training.ends.description))"),
                Fact(label: language.text("field.place"), value: training.place),
                Fact(label: language.text("training.trainers"), value: training.trainers.joined(separator: ", ")),
            ],
            attended: language.number(attended.count), commission: commission, commissionName: name, members: members,
            message: message.map { language.text("training.recorded").replacingOccurrences(of: "{n}", with: language.number($0)) },
            error: error?.message, invalid: error?.field ?? "")
        return renderer.page("training-session", title: training.title, content: model, language: language, path: "/desk/training/\(training.id)",
                             status: status)
    }
}
