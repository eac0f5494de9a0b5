import Foundation

/// A position on the Earth in decimal degrees (WGS 84).
public struct GeoPoint: Sendable, Hashable, Codable {
    /// Degrees north of the equator (negative south), -90...90.
    public var latitude: Double
    /// Degrees east of Greenwich (negative west), -180...180.
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Mean Earth radius in metres (IUGG R1).
    public static let earthRadius: Double = 6_371_008.8

    /// Great-circle distance in metres (haversine, mean Earth radius 6_371_008.8 m).
    public func distance(to other: GeoPoint) -> Double {
        let toRadians = Double.pi / 180
        let phi1 = latitude * toRadians
        let phi2 = other.latitude * toRadians
        let dPhi = (other.latitude - latitude) * toRadians
        let dLambda = (other.longitude - longitude) * toRadians
        let sinHalfPhi = sin(dPhi / 2)
        let sinHalfLambda = sin(dLambda / 2)
        let a = sinHalfPhi * sinHalfPhi + cos(phi1) * cos(phi2) * sinHalfLambda * sinHalfLambda
        // Clamp: rounding can push `a` a hair outside 0...1 for (near-)antipodal points.
        let c = 2 * asin(min(1, max(0, a).squareRoot()))
        return Self.earthRadius * c
    }

    /// Whether latitude is in -90...90 and longitude in -180...180 and both finite.
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite
            && (-90...90).contains(latitude) && (-180...180).contains(longitude)
    }
}
