import Foundation

/// A latitude/longitude rectangle. Does not handle boxes crossing the antimeridian.
///
/// A box made from no points is *empty*: it contains nothing, `union` with it returns the
/// other box, and its `center` is not valid (NaN).
public struct BoundingBox: Sendable, Hashable {
    public var minLatitude: Double
    public var maxLatitude: Double
    public var minLongitude: Double
    public var maxLongitude: Double

    public init(minLatitude: Double, maxLatitude: Double, minLongitude: Double, maxLongitude: Double) {
        self.minLatitude = minLatitude
        self.maxLatitude = maxLatitude
        self.minLongitude = minLongitude
        self.maxLongitude = maxLongitude
    }

    /// The smallest box holding all `points` (empty if there are none).
    public init(points: some Sequence<GeoPoint>) {
        self = .empty
        for p in points {
            minLatitude = min(minLatitude, p.latitude)
            maxLatitude = max(maxLatitude, p.latitude)
            minLongitude = min(minLongitude, p.longitude)
            maxLongitude = max(maxLongitude, p.longitude)
        }
    }

    /// The box holding no points.
    public static let empty = BoundingBox(
        minLatitude: .infinity, maxLatitude: -.infinity,
        minLongitude: .infinity, maxLongitude: -.infinity)

    /// True when the box holds no point at all.
    public var isEmpty: Bool { !(minLatitude <= maxLatitude && minLongitude <= maxLongitude) }

    /// The smallest box holding both boxes.
    public func union(_ other: BoundingBox) -> BoundingBox {
        if isEmpty { return other }
        if other.isEmpty { return self }
        return BoundingBox(
            minLatitude: min(minLatitude, other.minLatitude),
            maxLatitude: max(maxLatitude, other.maxLatitude),
            minLongitude: min(minLongitude, other.minLongitude),
            maxLongitude: max(maxLongitude, other.maxLongitude))
    }

    /// Whether `p` lies inside or on the edge of the box.
    public func contains(_ p: GeoPoint) -> Bool {
        // Plain comparisons, not ranges: a range with min > max (an empty box) would trap.
        minLatitude <= p.latitude && p.latitude <= maxLatitude
            && minLongitude <= p.longitude && p.longitude <= maxLongitude
    }

    /// The midpoint of the box (NaN coordinates for an empty box).
    public var center: GeoPoint {
        if isEmpty { return GeoPoint(latitude: .nan, longitude: .nan) }
        return GeoPoint(latitude: (minLatitude + maxLatitude) / 2, longitude: (minLongitude + maxLongitude) / 2)
    }
}
