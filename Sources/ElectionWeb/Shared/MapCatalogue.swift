import ElectionCore

/// The maps the portal draws, from the constituencies' outlines. The national maps are drawn once
/// at start; province and station maps on request.
struct MapCatalogue: Sendable {
    let shapes: [AreaShape]
    let constituencies: [String: Constituency]
    private let nationalInline: [Language: String]
    /// The map people click to find the nearest stations, served as an image.
    let finderImage: String
    let finderProjection: MapProjection

    /// Width of the click-to-find map, small enough for a phone so that clicks map to the right place.
    static let finderWidth = 360.0

    init(shapes: [AreaShape], constituencies: [Constituency]) {
        self.shapes = shapes
        let byCode = Dictionary(uniqueKeysWithValues: constituencies.map { ($0.id.rawValue, $0) })
        self.constituencies = byCode
        var national: [Language: String] = [:]
        for language in Language.allCases {
            let areas = shapes.map { shape in
                SVGMap.Area(
                    shape: shape,
                    label: Self.label(byCode, shape.code, language),
                    href: "/\(language.rawValue)/provinces/\(shape.code)")
            }
            national[language] = SVGMap(
                areas: areas, width: 800, title: language.text("map.title"), id: "national-map"
            ).render(standalone: false)
        }
        nationalInline = national
        let finder = SVGMap(
            areas: shapes.map { SVGMap.Area(shape: $0, label: $0.code) },
            width: Self.finderWidth, title: "Cambodia")
        finderImage = finder.render(standalone: true)
        finderProjection = finder.projection
    }

    func national(_ language: Language) -> String { nationalInline[language] ?? "" }

    /// Width of a province's map.
    static let provinceWidth = 640.0

    /// Height of a province's map, which follows from its shape.
    func provinceHeight(_ province: ProvinceCode) -> Double {
        guard let shape = shapes.first(where: { $0.code == province.rawValue }) else { return Self.provinceWidth }
        return MapProjection(fitting: shape.boundingBox, width: Self.provinceWidth).height
    }

    /// One province, zoomed, as a document of its own: its polling stations as points that open
    /// the station's page, its neighbours as links to theirs.
    func province(_ province: ProvinceCode, stations: [PollingStation], language: Language) -> String {
        let code = province.rawValue
        guard let shape = shapes.first(where: { $0.code == code }) else { return "" }
        let l = language.rawValue
        let areas = shapes.map { s in
            SVGMap.Area(
                shape: s, label: Self.label(constituencies, s.code, language),
                href: s.code == code ? nil : "/\(l)/provinces/\(s.code)", highlighted: s.code == code)
        }
        let markers = stations.map {
            SVGMap.Marker(position: $0.position, label: "\($0.id) \(language.pick($0.nameEnglish, $0.nameKhmer))", href: "/\(l)/stations/\($0.id)")
        }
        return SVGMap(
            areas: areas, markers: markers, width: Self.provinceWidth, title: language.text("province.map"),
            fitTo: shape.boundingBox, id: "province-map"
        ).render(standalone: true)
    }

    /// The nation with each constituency filled in its own colour (uncoloured ones in the default
    /// fill), linking to the constituency's page in `section` (e.g. `results`).
    func coloured(_ fills: [String: String], title: String, id: String, language: Language, section: String) -> String {
        let areas = shapes.map { s in
            SVGMap.Area(
                shape: s, label: Self.label(constituencies, s.code, language),
                href: "/\(language.rawValue)/\(section)/provinces/\(s.code)", fill: fills[s.code])
        }
        return SVGMap(areas: areas, width: 480, title: title, id: id).render(standalone: false)
    }

    /// The nation with markers (e.g. stations visited and incidents), without links on the areas.
    func national(markers: [SVGMap.Marker], title: String, id: String, language: Language) -> String {
        let areas = shapes.map { SVGMap.Area(shape: $0, label: Self.label(constituencies, $0.code, language)) }
        return SVGMap(areas: areas, markers: markers, width: 480, title: title, id: id).render(standalone: false)
    }

    /// A small map around one polling station.
    func station(_ station: PollingStation, language: Language) -> String {
        let p = station.position
        let box = BoundingBox(
            minLatitude: p.latitude - 0.15, maxLatitude: p.latitude + 0.15,
            minLongitude: p.longitude - 0.15, maxLongitude: p.longitude + 0.15)
        let areas = shapes.map { s in
            SVGMap.Area(
                shape: s, label: Self.label(constituencies, s.code, language),
                highlighted: s.code == station.provinceCode.rawValue)
        }
        return SVGMap(
            areas: areas, markers: [SVGMap.Marker(position: p, label: language.pick(station.nameEnglish, station.nameKhmer))],
            width: 320, title: language.text("station.map"), fitTo: box, id: "station-map"
        ).render(standalone: false)
    }

    private static func label(_ constituencies: [String: Constituency], _ code: String, _ language: Language) -> String {
        guard let c = constituencies[code] else { return code }
        return language.pick(c.nameEnglish, c.nameKhmer)
    }
}
