import Hummingbird

/// The national map: every constituency, linking to its page.
struct MapPage: Sendable {
    let map: String
    let provinces: [Link]
}

extension PublicPages {
    func map(_ language: Language) async throws -> Response {
        let provinces = try await store.constituencies().map {
            Link(href: "/\(language.rawValue)/provinces/\($0.id)", label: language.pick($0.nameEnglish, $0.nameKhmer),
                 detail: "\(language.number($0.seats))")
        }
        let model = MapPage(map: maps.national(language), provinces: provinces)
        return page("map", language.text("map.title"), model, language, "/map")
    }
}
