import ElectionCore
import ElectionStore
import Hummingbird

/// The observer missions and each mission's report, computed from the database.
struct MissionsPage: Sendable {
    let missions: [Link]
}

extension Portal {
    func addMissionRoutes(to router: Router<PortalRequestContext>) {
        router.get("/:lang/missions") { _, context in
            let language = try Self.language(context)
            let missions = try await store.missions().map {
                Link(href: "/\(language.rawValue)/missions/\($0.id)", label: language.pick($0.nameEnglish, $0.nameKhmer), detail: $0.organisation)
            }
            return page("missions", language.text("missions.title"), MissionsPage(missions: missions), language, "/missions")
        }
        router.get("/:lang/missions/:id") { _, context in
            let language = try Self.language(context)
            let id = try ObservationAPI.missionID(context)
            let report = MissionReportSections(try await store.missionReport(id), language)
            return page("mission-report", report.title, report, language, "/missions/\(id)")
        }
    }
}
