import ElectionCore
import Foundation
import Testing

@Suite struct GeoTests {
    @Test func distancePhnomPenhToSiemReap() {
        let phnomPenh = GeoPoint(latitude: 11.5564, longitude: 104.9282)
        let siemReap = GeoPoint(latitude: 13.3633, longitude: 103.8564)
        let d = phnomPenh.distance(to: siemReap)
        #expect(abs(d - 232_000) < 2_000)
        #expect(abs(siemReap.distance(to: phnomPenh) - d) < 1e-6)
        #expect(phnomPenh.distance(to: phnomPenh) == 0)
    }

    @Test func validity() {
        #expect(GeoPoint(latitude: 11.5, longitude: 104.9).isValid)
        #expect(GeoPoint(latitude: -90, longitude: 180).isValid)
        #expect(!GeoPoint(latitude: 91, longitude: 0).isValid)
        #expect(!GeoPoint(latitude: 0, longitude: -180.5).isValid)
        #expect(!GeoPoint(latitude: .nan, longitude: 0).isValid)
        #expect(!GeoPoint(latitude: 0, longitude: .infinity).isValid)
    }

    @Test func boundingBox() {
        let box = BoundingBox(points: [
            GeoPoint(latitude: 10, longitude: 103), GeoPoint(latitude: 12, longitude: 105),
            GeoPoint(latitude: 11, longitude: 104),
        ])
        #expect(box == BoundingBox(minLatitude: 10, maxLatitude: 12, minLongitude: 103, maxLongitude: 105))
        #expect(box.center == GeoPoint(latitude: 11, longitude: 104))
        #expect(box.contains(GeoPoint(latitude: 12, longitude: 103)))
        #expect(!box.contains(GeoPoint(latitude: 12.1, longitude: 104)))

        let other = BoundingBox(points: [GeoPoint(latitude: 14, longitude: 102)])
        let union = box.union(other)
        #expect(union == BoundingBox(minLatitude: 10, maxLatitude: 14, minLongitude: 102, maxLongitude: 105))

        let empty = BoundingBox(points: [GeoPoint]())
        #expect(empty.isEmpty)
        #expect(!empty.contains(GeoPoint(latitude: 0, longitude: 0)))
        #expect(empty.union(box) == box)
        #expect(box.union(empty) == box)
        #expect(!empty.center.isValid)
    }

    static func square(_ minLat: Double, _ minLon: Double, _ size: Double) -> [GeoPoint] {
        [
            GeoPoint(latitude: minLat, longitude: minLon),
            GeoPoint(latitude: minLat, longitude: minLon + size),
            GeoPoint(latitude: minLat + size, longitude: minLon + size),
            GeoPoint(latitude: minLat + size, longitude: minLon),
        ]
    }

    @Test func containsWithHole() {
        let shape = AreaShape(code: "99", polygons: [
            .init(outer: Self.square(0, 0, 10), holes: [Self.square(4, 4, 2)]),
            .init(outer: Self.square(20, 20, 1)),
        ])
        #expect(shape.boundingBox == BoundingBox(minLatitude: 0, maxLatitude: 21, minLongitude: 0, maxLongitude: 21))
        #expect(shape.contains(GeoPoint(latitude: 1, longitude: 1)))
        #expect(shape.contains(GeoPoint(latitude: 9.5, longitude: 3)))
        #expect(shape.contains(GeoPoint(latitude: 20.5, longitude: 20.5)))
        #expect(!shape.contains(GeoPoint(latitude: 5, longitude: 5)), "inside the hole")
        #expect(!shape.contains(GeoPoint(latitude: 11, longitude: 5)), "outside")
        #expect(!shape.contains(GeoPoint(latitude: 15, longitude: 15)), "inside the box, between pieces")
        #expect(!shape.contains(GeoPoint(latitude: -1, longitude: -1)))
    }

    @Test func containsClosedRingAndConcave() {
        // A "U" shape, ring closed as in GeoJSON.
        let u = [
            GeoPoint(latitude: 0, longitude: 0), GeoPoint(latitude: 0, longitude: 3),
            GeoPoint(latitude: 3, longitude: 3), GeoPoint(latitude: 3, longitude: 2),
            GeoPoint(latitude: 1, longitude: 2), GeoPoint(latitude: 1, longitude: 1),
            GeoPoint(latitude: 3, longitude: 1), GeoPoint(latitude: 3, longitude: 0),
            GeoPoint(latitude: 0, longitude: 0),
        ]
        let shape = AreaShape(code: "U", polygons: [.init(outer: u)])
        #expect(shape.contains(GeoPoint(latitude: 2, longitude: 0.5)))
        #expect(shape.contains(GeoPoint(latitude: 2, longitude: 2.5)))
        #expect(shape.contains(GeoPoint(latitude: 0.5, longitude: 1.5)))
        #expect(!shape.contains(GeoPoint(latitude: 2, longitude: 1.5)), "in the notch")
    }

    static func cambodiaCode(_ iso: String) -> String? {
        guard iso.hasPrefix("KH-"), let n = Int(iso.dropFirst(3)) else { return nil }
        return String(format: "%02d", n)
    }

    static func parse(_ json: String) throws -> [AreaShape] {
        try GeoJSON.areaShapes(from: Data(json.utf8), codeProperty: "shapeISO", code: cambodiaCode)
    }

    @Test func parseFeatureCollection() throws {
        let json = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"shapeISO": "KH-12", "shapeName": "Phnom Penh"},
           "geometry": {"type": "Polygon", "coordinates": [
             [[104.0, 11.0], [105.0, 11.0], [105.0, 12.0], [104.0, 12.0], [104.0, 11.0]],
             [[104.4, 11.4], [104.6, 11.4], [104.6, 11.6], [104.4, 11.6], [104.4, 11.4]]]}},
          {"type": "Feature", "properties": {"shapeISO": "KH-9"},
           "geometry": {"type": "MultiPolygon", "coordinates": [
             [[[103, 11], [103.5, 11], [103.5, 11.5], [103, 11]]],
             [[[102, 10], [102.5, 10], [102.5, 10.5], [102, 10]]],
             [[[101, 9], [101.5, 9], [101.5, 9.5], [101, 9]]]]}}
        ]}
        """
        let shapes = try Self.parse(json)
        #expect(shapes.map(\.code) == ["12", "09"])
        #expect(shapes.map(\.polygons.count) == [1, 3])
        #expect(shapes[0].polygons[0].holes.count == 1)
        #expect(shapes[0].polygons[0].outer.count == 4, "closing vertex dropped")
        #expect(shapes[0].polygons[0].outer[1] == GeoPoint(latitude: 11, longitude: 105), "[lon, lat] order")
        #expect(shapes[0].contains(GeoPoint(latitude: 11.2, longitude: 104.2)))
        #expect(!shapes[0].contains(GeoPoint(latitude: 11.5, longitude: 104.5)))
        #expect(shapes[1].contains(GeoPoint(latitude: 10.1, longitude: 102.4)))
        #expect(shapes[1].boundingBox == BoundingBox(minLatitude: 9, maxLatitude: 11.5, minLongitude: 101, maxLongitude: 103.5))
    }

    static let square = #"{"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}"#

    static func collection(_ features: String...) -> String {
        #"{"type": "FeatureCollection", "features": ["# + features.joined(separator: ",") + "]}"
    }

    static func feature(_ iso: String?, geometry: String = square) -> String {
        let properties = iso.map { #"{"shapeISO": "\#($0)"}"# } ?? #"{"shapeName": "x"}"#
        return #"{"type": "Feature", "properties": \#(properties), "geometry": \#(geometry)}"#
    }

    @Test func malformedInput() {
        #expect(throws: GeoJSONError.invalidJSON) { try Self.parse("{not json") }
        #expect(throws: GeoJSONError.notAFeatureCollection) { try Self.parse(Self.square) }
        #expect(throws: GeoJSONError.notAFeatureCollection) { try Self.parse(#"{"type": "FeatureCollection"}"#) }
        #expect(throws: GeoJSONError.notAFeatureCollection) { try Self.parse("[]") }
        #expect(throws: GeoJSONError.malformedFeature(feature: 1)) {
            try Self.parse(Self.collection(Self.feature("KH-1"), "42"))
        }
        #expect(throws: GeoJSONError.missingProperty(feature: 1, property: "shapeISO")) {
            try Self.parse(Self.collection(Self.feature("KH-1"), Self.feature(nil)))
        }
        #expect(throws: GeoJSONError.unmappedCode(feature: 0, value: "TH-10")) {
            try Self.parse(Self.collection(Self.feature("TH-10")))
        }
        #expect(throws: GeoJSONError.duplicateCode(feature: 1, code: "01")) {
            try Self.parse(Self.collection(Self.feature("KH-1"), Self.feature("KH-01")))
        }
        #expect(throws: GeoJSONError.unsupportedGeometryType(feature: 0, type: "Point")) {
            try Self.parse(Self.collection(Self.feature("KH-1", geometry: #"{"type": "Point", "coordinates": [0, 0]}"#)))
        }
        #expect(throws: GeoJSONError.missingGeometry(feature: 0)) {
            try Self.parse(Self.collection(Self.feature("KH-1", geometry: "null")))
        }
        #expect(throws: GeoJSONError.invalidCoordinates(feature: 0)) {
            try Self.parse(Self.collection(Self.feature("KH-1", geometry: #"{"type": "Polygon", "coordinates": [[0, 0], [1, 1]]}"#)))
        }
        #expect(throws: GeoJSONError.invalidCoordinates(feature: 0)) {
            try Self.parse(Self.collection(Self.feature("KH-1", geometry: #"{"type": "Polygon", "coordinates": [[[0,0],[1,0],[0,0]]]}"#)))
        }
        #expect(throws: GeoJSONError.invalidCoordinates(feature: 0)) {
            try Self.parse(Self.collection(Self.feature("KH-1", geometry: #"{"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,95],[0,0]]]}"#)))
        }
    }
}
