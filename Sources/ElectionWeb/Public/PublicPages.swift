import ElectionCore
import ElectionStore
import Hummingbird

/// The public portal's pages about the election and its places: home, polling stations (finder,
/// search, nearest, one station), provinces and communes, commissions, parties and their
/// candidates, the map. Each page has a model (a plain struct, what tests check) and a template in
/// `Templates/`.
struct PublicPages: PageController {
    let store: any ElectionStore & NominationStore
    let maps: MapCatalogue
    let directory: StationDirectory
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("") { _, context in try await home(context.language) }
        router.get("stations") { _, context in try await stationFinder(context.language) }
        router.get("stations/search") { request, context in try await stationSearch(request, context.language) }
        router.get("stations/nearest") { request, context in try await nearestStations(request, context.language) }
        router.get("stations/:code") { _, context in
            try await station(Input.code(context.parameters.get("code"), as: StationCode.self), context.language)
        }
        router.get("provinces/:code/map.svg") { _, context in
            try await provinceMap(Input.code(context.parameters.get("code"), as: ProvinceCode.self), context.language)
        }
        router.get("provinces/:code") { _, context in
            try await province(Input.code(context.parameters.get("code"), as: ProvinceCode.self), context.language)
        }
        router.get("communes/:code") { _, context in
            try await commune(Input.code(context.parameters.get("code"), as: CommuneCode.self), context.language)
        }
        router.get("commissions") { _, context in try await commissions(context.language) }
        router.get("commissions/:id") { _, context in
            try await commission(context.parameters.get("id") ?? "", context.language)
        }
        router.get("parties") { _, context in try await parties(context.language) }
        router.get("parties/:id") { _, context in
            try await party(Input.partyNumber(context.parameters.get("id")), context.language)
        }
        router.get("parties/:id/:province") { _, context in
            try await candidateList(
                Input.partyNumber(context.parameters.get("id")), Input.code(context.parameters.get("province"), as: ProvinceCode.self),
                context.language)
        }
        router.get("map") { _, context in try await map(context.language) }
    }
}
