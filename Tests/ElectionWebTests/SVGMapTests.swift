import ElectionCore
import Foundation
import Testing

@testable import ElectionWeb

@Suite struct SVGMapTests {
    static func square(code: String, lat: Double, lon: Double, size: Double = 0.5) -> AreaShape {
        AreaShape(code: code, polygons: [.init(outer: [
            GeoPoint(latitude: lat, longitude: lon), GeoPoint(latitude: lat, longitude: lon + size),
            GeoPoint(latitude: lat + size, longitude: lon + size), GeoPoint(latitude: lat + size, longitude: lon),
        ])])
    }

    static func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    @Test func projectionRoundTrip() {
        let box = BoundingBox(minLatitude: 10.4, maxLatitude: 14.7, minLongitude: 102.3, maxLongitude: 107.6)
        let projection = MapProjection(fitting: box, width: 800, padding: 10)
        #expect(projection.width == 800)
        #expect(projection.height > 0 && projection.height < 800)
        let corner = projection.point(GeoPoint(latitude: 14.7, longitude: 102.3))
        #expect(abs(corner.x - 10) < 1e-9 && abs(corner.y - 10) < 1e-9)
        let opposite = projection.point(GeoPoint(latitude: 10.4, longitude: 107.6))
        #expect(abs(opposite.x - 790) < 1e-9 && abs(opposite.y - (projection.height - 10)) < 1e-9)

        for p in [GeoPoint(latitude: 11.5564, longitude: 104.9282), GeoPoint(latitude: 13.3633, longitude: 103.8564),
                  GeoPoint(latitude: 9, longitude: 110)] {
            let (x, y) = projection.point(p)
            let back = projection.geoPoint(x: x, y: y)
            #expect(abs(back.latitude - p.latitude) < 1e-6)
            #expect(abs(back.longitude - p.longitude) < 1e-6)
        }
    }

    @Test func degenerateBoxes() {
        let single = MapProjection(fitting: BoundingBox(points: [GeoPoint(latitude: 11, longitude: 104)]), width: 200)
        #expect(single.height.isFinite && single.height > 0)
        let empty = MapProjection(fitting: .empty, width: 200)
        #expect(empty.height.isFinite && empty.height > 0)
    }

    @Test func rendersEscapedAccessibleMap() {
        let map = SVGMap(
            areas: [
                .init(shape: Self.square(code: "01", lat: 11, lon: 104), label: "A <&\"> 'b'", href: "/p/01?x=1&y=2"),
                .init(shape: Self.square(code: "02", lat: 11, lon: 105), label: "ភ្នំពេញ", href: "/p/02", highlighted: true),
                .init(shape: Self.square(code: "03", lat: 12, lon: 104), label: "No link"),
            ],
            markers: [
                .init(position: GeoPoint(latitude: 11.2, longitude: 104.2), label: "Station <1>", href: "/s/1"),
                .init(position: GeoPoint(latitude: 11.3, longitude: 105.3), label: "Station 2"),
            ],
            width: 400, title: "Provinces & <seats>")

        let inline = map.render(standalone: false)
        #expect(inline.contains("A &lt;&amp;&quot;&gt; &#39;b&#39;"))
        #expect(!inline.contains("A <&"))
        #expect(inline.contains("href=\"/p/01?x=1&amp;y=2\""))
        #expect(inline.contains("<title id=\"map-title\">Provinces &amp; &lt;seats&gt;</title>"))
        #expect(inline.contains("aria-labelledby=\"map-title\""))
        #expect(inline.contains("ភ្នំពេញ"))
        #expect(inline.contains("Station &lt;1&gt;"))
        #expect(!inline.contains("xmlns"))
        #expect(inline.hasPrefix("<svg"))

        #expect(Self.count("<a ", in: inline) == 3, "two linked areas and one linked marker")
        #expect(Self.count("<path", in: inline) == 3)
        #expect(Self.count("class=\"area highlighted\"", in: inline) == 1)
        #expect(Self.count("<circle", in: inline) == 2)
        #expect(Self.count("class=\"marker\"", in: inline) == 2)
        #expect(Self.count("<title", in: inline) == 1 + 3 + 2)
        #expect(inline.contains("fill=\"#e8eef5\"") && inline.contains("fill=\"#f4c542\"") && inline.contains("fill=\"#c0392b\""))
        let w = SVGMap.number(map.projection.width), h = SVGMap.number(map.projection.height)
        #expect(inline.contains("viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\""))

        let standalone = map.render(standalone: true)
        #expect(standalone.hasPrefix("<?xml"))
        #expect(standalone.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        // Links stay links in a map of its own, and open in the page that shows it.
        #expect(standalone.contains("role=\"group\""))
        #expect(Self.count("target=\"_top\"", in: standalone) == 3)
        #expect(!inline.contains("target="))
        let picture = SVGMap(areas: [.init(shape: Self.square(code: "01", lat: 11, lon: 104), label: "x")], width: 100, title: "t")
        #expect(picture.render(standalone: true).contains("role=\"img\""))
    }

    @Test func pathsAreRoundedToOneDecimal() throws {
        let map = SVGMap(areas: [.init(shape: Self.square(code: "01", lat: 11.123456, lon: 104.987654), label: "x")],
                         width: 333.3, title: "t")
        let svg = map.render(standalone: true)
        let start = try #require(svg.range(of: " d=\""))
        let end = try #require(svg[start.upperBound...].firstIndex(of: "\""))
        let d = svg[start.upperBound..<end]
        for number in d.split(whereSeparator: { "MlZ, ".contains($0) }) {
            if let dot = number.firstIndex(of: ".") {
                #expect(number.distance(from: dot, to: number.endIndex) == 2, "\(number)")
            }
        }
    }

    @Test func fitToZoomsAndDropsAreasOutOfView() {
        let areas = [
            SVGMap.Area(shape: Self.square(code: "01", lat: 11, lon: 104), label: "One", href: "/1", highlighted: true),
            SVGMap.Area(shape: Self.square(code: "02", lat: 11, lon: 104.5), label: "Next door", href: "/2"),
            SVGMap.Area(shape: Self.square(code: "03", lat: 14, lon: 107), label: "Far away", href: "/3"),
        ]
        let map = SVGMap(areas: areas, width: 300, title: "Zoom", fitTo: areas[0].shape.boundingBox)
        let svg = map.render(standalone: false)
        #expect(svg.contains("One") && svg.contains("Next door"))
        #expect(!svg.contains("Far away"))
        let (x, y) = map.projection.point(GeoPoint(latitude: 11.25, longitude: 104.25))
        #expect(abs(x - 150) < 1e-9 && abs(y - map.projection.height / 2) < 1e-9)
    }
}

@Suite struct OutlineSimplificationTests {
    @Test func pointsWithinHalfAPixelOfTheOutlineGoAndCornersStay() {
        // A square's edge with a wobble of 0.3 px (3 tenths) and a corner 20 px out.
        let points = [(0, 0), (100, 3), (200, 0), (300, -2), (400, 0), (400, 200), (0, 200)]
        let kept = SVGMap.simplified(points, tolerance: 5)
        #expect(kept.map { [$0.0, $0.1] } == [[0, 0], [400, 0], [400, 200], [0, 200]])
        // A wobble larger than the tolerance is a real bend: it stays.
        let bent = SVGMap.simplified([(0, 0), (100, 30), (200, 0), (200, 200)], tolerance: 5)
        #expect(bent.count == 4)
    }
}
