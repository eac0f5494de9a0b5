import ElectionCore
import ElectionStore
import Hummingbird

/// The observer missions and each mission's report, computed from the database.
struct MissionsPage: Sendable {
    let missions: [Link]
}

extension ElectionStore {
    /// The stations with these codes, by code.
    func stations(_ codes: some Sequence<StationCode>) async throws -> [StationCode: PollingStation] {
        Dictionary(uniqueKeysWithValues: try await pollingStations(codes: Array(codes)).map { ($0.id, $0) })
    }
}

/// The public pages of observer missions: the list, and each mission's report with its map.
struct MissionPages: PageController {
    let store: any ElectionStore & ObservationStore & AccreditationStore
    let maps: MapCatalogue
    let renderer: PageRenderer

    /// Stations the mission visited (blue) and incidents and complaints by category (each its
    /// colour), rejected ones left out.
    func missionMap(_ id: MissionID, _ language: Language) async throws -> (String, String) {
        let visited = Set(try await store.visits(ofMission: id).map(\.stationCode)).sorted()
        let incidents = try await store.incidents(ofMission: id).filter { $0.status != .rejected }
        let byCode = try await store.stations(visited + incidents.compactMap(\.stationCode))
        var markers = visited.compactMap { code in
            byCode[code].map { SVGMap.Marker(position: $0.position, label: "\(code) \(language.pick($0.nameEnglish, $0.nameKhmer))", fill: "#1f4e9c") }
        }
        for incident in incidents {
            guard let code = incident.stationCode, let s = byCode[code] else { continue }
            markers.append(SVGMap.Marker(
                position: s.position, label: "\(language.text(KeyFamilies.incidentCategory, incident.category)): \(incident.description)",
                fill: Self.colour(category: incident.category)))
        }
        let categories = Set(incidents.map(\.category)).sorted { $0.rawValue < $1.rawValue }
        let caption = ([language.text("missions.map_visited")] + categories.map { language.text(KeyFamilies.incidentCategory, $0) }).joined(separator: " · ")
        return (maps.national(markers: markers, title: language.text("missions.map"), id: "mission-map", language: language), caption)
    }

    static func colour(category: Incident.Category) -> String {
        switch category {
        case .obstructionOfObservers: "#8e44ad"
        case .intimidation: "#c0392b"
        case .voteBuying: "#d35400"
        case .proceduralIrregularity: "#b8860b"
        case .accessibility: "#16a085"
        case .campaignViolation: "#7f8c8d"
        case .violence: "#000000"
        case .other: "#2c3e50"
        }
    }

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("missions") { _, context in
            let language = context.language
            let missions = try await store.missions().map {
                Link(href: "/\(language.rawValue)/missions/\($0.id)", label: language.pick($0.nameEnglish, $0.nameKhmer), detail: language.pick($0.organisation, given: $0.organisationKhmer))
            }
            return page("missions", language.text("missions.title"), MissionsPage(missions: missions), language, "/missions")
        }
        router.get("missions/:id") { _, context in
            let language = context.language
            let id = try Input.missionID(context.parameters.get("id"))
            var report = MissionReportSections(try await store.missionReport(id), language)
            (report.map, report.mapCaption) = try await missionMap(id, language)
            return page("mission-report", report.title, report, language, "/missions/\(id)")
        }
    }
}
