import Foundation

/// The outline of an administrative area (a province): one or more polygons, each an outer ring and optional holes.
///
/// Rings are lists of vertices; the closing vertex may be repeated (as in GeoJSON) or left out.
public struct AreaShape: Sendable, Hashable {
    /// One connected piece of an area: an outer ring and the holes cut out of it.
    public struct Polygon: Sendable, Hashable {
        public var outer: [GeoPoint]
        public var holes: [[GeoPoint]]

        public init(outer: [GeoPoint], holes: [[GeoPoint]] = []) {
            self.outer = outer
            self.holes = holes
        }
    }

    /// The area's code, e.g. province "01".
    public var code: String
    /// The pieces of the area; changing them updates `boundingBox`.
    public var polygons: [Polygon] {
        didSet { boundingBox = Self.box(of: polygons) }
    }
    /// The box around all outer rings.
    public private(set) var boundingBox: BoundingBox

    public init(code: String, polygons: [Polygon]) {
        self.code = code
        self.polygons = polygons
        self.boundingBox = Self.box(of: polygons)
    }

    /// Even-odd ray casting; inside an outer ring and not inside one of its holes.
    ///
    /// Works in the plain longitude/latitude plane, which is exact enough for areas the size of
    /// a province. Points exactly on an edge may fall either way.
    public func contains(_ point: GeoPoint) -> Bool {
        guard boundingBox.contains(point) else { return false }
        for polygon in polygons where Self.ring(polygon.outer, contains: point) {
            if !polygon.holes.contains(where: { Self.ring($0, contains: point) }) {
                return true
            }
        }
        return false
    }

    static func ring(_ ring: [GeoPoint], contains point: GeoPoint) -> Bool {
        guard ring.count >= 3 else { return false }
        let x = point.longitude
        let y = point.latitude
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i]
            let b = ring[j]
            // The edge straddles the horizontal line through the point (half-open, so a vertex
            // on the line is counted once); toggle if it crosses to the right of the point.
            if (a.latitude > y) != (b.latitude > y) {
                let crossX = a.longitude + (y - a.latitude) * (b.longitude - a.longitude) / (b.latitude - a.latitude)
                if x < crossX { inside.toggle() }
            }
            j = i
        }
        return inside
    }

    private static func box(of polygons: [Polygon]) -> BoundingBox {
        BoundingBox(points: polygons.lazy.flatMap(\.outer))
    }
}
