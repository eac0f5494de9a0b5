import ElectionCore
import Hummingbird

/// The four levels of commissions, as links down from the National Election Committee.
struct CommissionsPage: Sendable {
    struct Level: Sendable {
        let name: String
        let count: String
        let commissions: [Link]
    }
    let national: Link
    let levels: [Level]
}

/// One commission: its members and the commissions below it.
struct CommissionPage: Sendable {
    struct Member: Sendable {
        let role: String
        let name: String
        let sex: String
    }
    let name: String
    let level: String
    let unit: Link?
    let members: [Member]
    let below: [Link]
    let belowHeading: String
}

extension PublicPages {
    func commissions(_ language: Language) async throws -> Response {
        let l = language.rawValue
        let national = try await store.commission(Commission.id(level: .national, unitCode: .nation))
        let provincial = try await store.commissions(level: .provincial, within: nil)
        let model = CommissionsPage(
            national: Link(href: "/\(l)/commissions/\(national.id)", label: language.pick(national.nameEnglish, national.nameKhmer)),
            levels: [
                .init(name: language.text("level.provincial"),
                      count: language.text("commissions.count").replacingOccurrences(of: "{n}", with: language.number(provincial.count)),
                      commissions: provincial.map { commissionLink($0, language) }),
            ])
        return page("commissions", language.text("commissions.title"), model, language, "/commissions")
    }

    func commission(_ id: String, _ language: Language) async throws -> Response {
        guard id.count <= 20 else { throw InputError(field: "code", reason: "code") }
        let commission = try await store.commission(id)
        let members = try await store.members(ofCommission: id)
        let l = language.rawValue
        // The commissions one level down, within this one's unit.
        let below: [Commission]
        let belowLevel: CommissionLevel?
        switch commission.level {
        case .national: belowLevel = .provincial
        case .provincial: belowLevel = .commune
        case .commune: belowLevel = .pollingStation
        case .pollingStation: belowLevel = nil
        }
        if let belowLevel {
            below = try await store.commissions(level: belowLevel, within: commission.unitCode.rawValue)
        } else {
            below = []
        }
        var unit: Link?
        switch commission.level {
        case .national: unit = nil
        case .provincial: unit = Link(href: "/\(l)/provinces/\(commission.unitCode)", label: language.text("station.province"))
        case .commune: unit = Link(href: "/\(l)/communes/\(commission.unitCode)", label: language.text("station.commune"))
        case .pollingStation: unit = Link(href: "/\(l)/stations/\(commission.unitCode)", label: language.text("nav.stations"))
        }
        let model = CommissionPage(
            name: language.pick(commission.nameEnglish, commission.nameKhmer),
            level: language.text(KeyFamilies.commissionLevel, commission.level),
            unit: unit,
            members: members.map {
                .init(role: language.text(KeyFamilies.commissionRole, $0.role), name: language.pick($0.name.latin, $0.name.khmer),
                      sex: language.text(KeyFamilies.sex, $0.sex))
            },
            below: below.map { commissionLink($0, language) },
            belowHeading: belowLevel.map { language.text(KeyFamilies.commissionLevel, $0) } ?? "")
        return page("commission", model.name, model, language, "/commissions/\(id)")
    }

    private func commissionLink(_ commission: Commission, _ language: Language) -> Link {
        Link(href: "/\(language.rawValue)/commissions/\(commission.id)",
             label: language.pick(commission.nameEnglish, commission.nameKhmer))
    }
}
