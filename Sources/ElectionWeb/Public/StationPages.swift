import ElectionCore
import Hummingbird

/// The station finder: provinces to browse, a search form, a nearest form and a map to click.
struct StationFinderPage: Sendable {
    let provinces: [Link]
    /// Any station, or only those recorded as step-free or with assistance.
    let needs: [Choice]
    let searchAction: String
    let nearestAction: String
    let mapImage: String
    let mapWidth: Int
    let mapHeight: Int
}

/// A list of stations found by a search or by position.
struct StationResultsPage: Sendable {
    let heading: String
    /// How many match and which are shown ("4,714 polling stations match; 1–50 shown").
    let summary: String?
    let results: [Link]
    let previous: Link?
    let next: Link?
    let query: String
    /// The search form offers a province to search in (not on the nearest stations' page).
    let filterable: Bool
    let provinces: [Choice]
    let needs: [Choice]
    /// "Only stations with step-free access", when the finder was asked for it.
    let filter: String?
    let latitude: String
    let longitude: String
    let searchAction: String
    let nearestAction: String
}

/// A province: its communes, and its stations on a map.
struct ProvincePage: Sendable {
    let name: String
    let seats: String
    let communes: [Link]
    let stationCount: String
    /// The map with every station, a separate SVG file the browser caches.
    let mapHref: String
    let mapWidth: Int
    let mapHeight: Int
}

/// A commune or sangkat and its polling stations.
struct CommunePage: Sendable {
    let name: String
    let district: String
    let province: Link
    let stations: [Link]
}

/// One polling station: where it is, who runs it, how many voters it serves.
struct StationPage: Sendable {
    struct Member: Sendable {
        let role: String
        let name: String
    }
    let name: String
    let code: String
    let address: String
    let coordinates: String
    let latitude: String
    let longitude: String
    let commune: Link
    let province: Link
    let registeredVoters: String
    let access: [Fact]
    let commission: Link
    let members: [Member]
    let map: String
}

extension PublicPages {
    func stationFinder(_ language: Language) async throws -> Response {
        let l = language.rawValue
        let provinces = try await store.constituencies().map {
            Link(href: "/\(l)/provinces/\($0.id)", label: language.pick($0.nameEnglish, $0.nameKhmer))
        }
        let model = StationFinderPage(
            provinces: provinces, needs: Self.needs(nil, language), searchAction: "/\(l)/stations/search", nearestAction: "/\(l)/stations/nearest",
            mapImage: "/assets/map/finder.svg",
            mapWidth: Int(maps.finderProjection.width), mapHeight: Int(maps.finderProjection.height))
        return page("stations", language.text("stations.title"), model, language, "/stations")
    }

    /// Stations a page of search results shows.
    static let searchPage = 50

    func stationSearch(_ request: Request, _ language: Language) async throws -> Response {
        let query = Input.query(of: request)
        let q = try Input.text(query["q"], field: "q") ?? ""
        let province = try query["province"].flatMap { $0.isEmpty ? nil : try Input.code(String($0), as: ProvinceCode.self, field: "province") }
        let page = try Input.integer(query["page"], field: "page", range: 1...10_000, default: 1)
        let need = try Input.need(query["access"])
        let found = try await directory.search(q, province: province, need: need, offset: (page - 1) * Self.searchPage, limit: Self.searchPage)
        let l = language.rawValue
        let heading = language.text("stations.search_results").replacingOccurrences(of: "{q}", with: q)
        let first = (page - 1) * Self.searchPage + 1
        let summary = found.total == 0 ? nil : language.text("stations.search_summary")
            .replacingOccurrences(of: "{total}", with: language.number(found.total))
            .replacingOccurrences(of: "{first}", with: language.number(min(first, found.total)))
            .replacingOccurrences(of: "{last}", with: language.number(first - 1 + found.stations.count))
        func pageLink(_ number: Int, _ key: String) -> Link {
            var parts = ["q=\(Input.urlEncoded(q))", "page=\(number)"]
            if let province { parts.append("province=\(province)") }
            if let need { parts.append("access=\(need.rawValue)") }
            return Link(href: "/\(l)/stations/search?" + parts.joined(separator: "&"), label: language.text(key))
        }
        let model = StationResultsPage(
            heading: heading, summary: summary,
            results: found.stations.map { hit in
                var link = stationLink(hit.station, language)
                let place = [hit.commune.map { language.pick($0.nameEnglish, $0.nameKhmer) }, language.pick(hit.province.nameEnglish, hit.province.nameKhmer)]
                link.detail = "\(hit.station.id) · " + place.compactMap { $0 }.joined(separator: ", ")
                    + (hit.match == .similar ? " · " + language.text("stations.similar") : "")
                return link
            },
            previous: page > 1 ? pageLink(page - 1, "stations.previous") : nil,
            next: first - 1 + found.stations.count < found.total ? pageLink(page + 1, "stations.next") : nil,
            query: q, filterable: true,
            provinces: [Choice(value: "", label: language.text("stations.all_provinces"), selected: province == nil)]
                + (try await store.constituencies()).map {
                    Choice(value: $0.id.rawValue, label: language.pick($0.nameEnglish, $0.nameKhmer), selected: $0.id == province)
                },
            needs: Self.needs(need, language), filter: Self.filter(need, language),
            latitude: "", longitude: "",
            searchAction: "/\(l)/stations/search", nearestAction: "/\(l)/stations/nearest")
        return self.page("station-results", heading, model, language, "/stations/search?\(request.uri.query ?? "")")
    }

    func nearestStations(_ request: Request, _ language: Language) async throws -> Response {
        let query = Input.query(of: request)
        let point: GeoPoint
        if query["map.x"] != nil || query["map.y"] != nil {
            // A click on the finder map (an <input type=image>): pixel position to a place.
            let x = try Input.coordinate(query["map.x"], field: "map", range: 0...maps.finderProjection.width, reason: "number")
            let y = try Input.coordinate(query["map.y"], field: "map", range: 0...maps.finderProjection.height, reason: "number")
            point = maps.finderProjection.geoPoint(x: x, y: y)
        } else {
            point = GeoPoint(
                latitude: try Input.latitude(query["lat"]),
                longitude: try Input.longitude(query["lon"]))
        }
        let need = try Input.need(query["access"])
        let stations = try await store.nearestPollingStations(to: point, limit: 10, meeting: need)
        let lat = String(format: "%.5f", point.latitude)
        let lon = String(format: "%.5f", point.longitude)
        let heading = language.text("stations.nearest_results")
            .replacingOccurrences(of: "{lat}", with: lat).replacingOccurrences(of: "{lon}", with: lon)
        let results = stations.map { station -> Link in
            var link = stationLink(station, language)
            let km = String(format: "%.1f", point.distance(to: station.position) / 1000)
            link.detail = language.text("stations.km_away").replacingOccurrences(of: "{d}", with: km)
            return link
        }
        let model = StationResultsPage(
            heading: heading, summary: nil, results: results, previous: nil, next: nil, query: "", filterable: false, provinces: [],
            needs: Self.needs(need, language), filter: Self.filter(need, language), latitude: lat, longitude: lon,
            searchAction: "/\(language.rawValue)/stations/search", nearestAction: "/\(language.rawValue)/stations/nearest")
        return page("station-results", heading, model, language, "/stations/nearest?\(request.uri.query ?? "")")
    }

    func province(_ code: ProvinceCode, _ language: Language) async throws -> Response {
        let province = try await store.constituency(code)
        let communes = try await store.communes(inProvince: code)
        let stations = try await store.pollingStations(inProvince: code)
        let l = language.rawValue
        let model = ProvincePage(
            name: language.pick(province.nameEnglish, province.nameKhmer),
            seats: language.number(province.seats),
            communes: communes.map {
                Link(href: "/\(l)/communes/\($0.id)", label: language.pick($0.nameEnglish, $0.nameKhmer),
                     detail: language.pick($0.districtName, given: $0.districtNameKhmer))
            },
            stationCount: language.text("stations.count").replacingOccurrences(of: "{n}", with: language.number(stations.count)),
            mapHref: "/\(l)/provinces/\(code)/map.svg",
            mapWidth: Int(MapCatalogue.provinceWidth), mapHeight: Int(maps.provinceHeight(code)))
        return page("province", model.name, model, language, "/provinces/\(code)")
    }

    /// The province with each of its stations as a link to the station's page: a file of its own
    /// (Phnom Penh's is 640 KB before compression, 46 KB gzipped), fetched once and kept by the browser.
    func provinceMap(_ code: ProvinceCode, _ language: Language) async throws -> Response {
        _ = try await store.constituency(code)
        let stations = try await store.pollingStations(inProvince: code)
        var headers = HTTPFields()
        headers[.contentType] = "image/svg+xml"
        headers[.cacheControl] = "public, max-age=600"
        let svg = maps.province(code, stations: stations, language: language)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: svg)))
    }

    func commune(_ code: CommuneCode, _ language: Language) async throws -> Response {
        let commune = try await store.commune(code)
        let province = try await store.constituency(commune.provinceCode)
        let stations = try await store.pollingStations(inCommune: code)
        let l = language.rawValue
        let model = CommunePage(
            name: language.pick(commune.nameEnglish, commune.nameKhmer),
            district: language.pick(commune.districtName, given: commune.districtNameKhmer),
            province: Link(href: "/\(l)/provinces/\(province.id)", label: language.pick(province.nameEnglish, province.nameKhmer)),
            stations: stations.map { stationLink($0, language) })
        return page("commune", model.name, model, language, "/communes/\(code)")
    }

    func station(_ code: StationCode, _ language: Language) async throws -> Response {
        let station = try await store.pollingStation(code)
        let commune = try await store.commune(station.communeCode)
        let province = try await store.constituency(commune.provinceCode)
        let commissionID = Commission.id(level: .pollingStation, unitCode: .station(station.id))
        let members = try await store.members(ofCommission: commissionID)
        let l = language.rawValue
        let name = language.pick(station.nameEnglish, station.nameKhmer)
        let model = StationPage(
            name: name, code: station.id.rawValue,
            address: language.pick(station.addressEnglish, station.addressKhmer),
            coordinates: String(format: "%.6f, %.6f", station.position.latitude, station.position.longitude),
            latitude: String(format: "%.6f", station.position.latitude),
            longitude: String(format: "%.6f", station.position.longitude),
            commune: Link(href: "/\(l)/communes/\(commune.id)", label: language.pick(commune.nameEnglish, commune.nameKhmer)),
            province: Link(href: "/\(l)/provinces/\(province.id)", label: language.pick(province.nameEnglish, province.nameKhmer)),
            registeredVoters: language.number(station.registeredVoters),
            access: Self.accessFacts(station.accessibility, language),
            commission: Link(href: "/\(l)/commissions/\(commissionID)", label: language.text("station.commission")),
            members: members.map { .init(role: language.text(KeyFamilies.commissionRole, $0.role), name: language.pick($0.name.latin, $0.name.khmer)) },
            map: maps.station(station, language: language))
        return page("station", name, model, language, "/stations/\(code)")
    }

    func stationLink(_ station: PollingStation, _ language: Language) -> Link {
        Link(href: "/\(language.rawValue)/stations/\(station.id)", label: language.pick(station.nameEnglish, station.nameKhmer),
             detail: station.id.rawValue)
    }

    /// The finder's choice of what a station must offer.
    static func needs(_ chosen: StationAccessibility.Need?, _ language: Language) -> [Choice] {
        [Choice(value: "", label: language.text("stations.access_any"), selected: chosen == nil)]
            + StationAccessibility.Need.allCases.map { Choice(value: $0.rawValue, label: language.text(KeyFamilies.accessNeed, $0), selected: $0 == chosen) }
    }

    /// What the results were kept to, in the user's language.
    static func filter(_ need: StationAccessibility.Need?, _ language: Language) -> String? {
        need.map { "\(language.text("stations.access_label")) \(language.text(KeyFamilies.accessNeed, $0))" }
    }

    /// The station's accessibility as its page lists it: each recorded yes or no, or not recorded.
    static func accessFacts(_ access: StationAccessibility, _ language: Language) -> [Fact] {
        zip(StationInput.accessLabels, [access.ramp, access.groundFloor, access.assistance]).map { label, value in
            let answer = StationInput.accessAnswers.first { $0.value == StationAccessibility.text(value) }?.key ?? "stations.access_unrecorded"
            return Fact(label: language.text(label), value: language.text(answer))
        }
    }
}
