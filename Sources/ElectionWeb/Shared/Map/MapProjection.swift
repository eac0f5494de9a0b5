import ElectionCore
import Foundation

/// Maps latitude/longitude to pixel coordinates: an equirectangular projection whose x axis is
/// scaled by the cosine of the middle latitude (so shapes near that latitude keep their
/// proportions), fitted into a given pixel width with padding on every side. The height
/// follows from the box's aspect. Pixel y grows downwards (north is up).
public struct MapProjection: Sendable, Hashable {
    /// The geographic box fitted into the drawing (after widening a degenerate box).
    public let bounds: BoundingBox
    /// Pixel width of the whole drawing, padding included.
    public let width: Double
    /// Pixel height of the whole drawing, padding included.
    public let height: Double
    /// Pixels left free around the fitted box on each side.
    public let padding: Double
    /// Pixels per degree of latitude.
    public let pixelsPerDegree: Double
    /// cos(middle latitude): pixels per degree of longitude are `pixelsPerDegree * longitudeFactor`.
    public let longitudeFactor: Double

    /// Smallest span, in degrees, a fitted box is widened to (about 100 m), so one point or a
    /// straight line still gives a usable projection.
    public static let minimumSpan = 0.001

    /// - Parameters:
    ///   - box: the area to show. An empty box shows a small area around 0°, 0°.
    ///   - width: pixel width of the drawing (at least 1).
    ///   - padding: pixels left free on each side (at most a quarter of the width).
    public init(fitting box: BoundingBox, width: Double, padding: Double = 8) {
        var box = box.isEmpty
            ? BoundingBox(minLatitude: 0, maxLatitude: 0, minLongitude: 0, maxLongitude: 0)
            : box
        Self.widen(&box.minLatitude, &box.maxLatitude)
        Self.widen(&box.minLongitude, &box.maxLongitude)
        let width = width.isFinite ? max(width, 1) : 1
        let padding = padding.isFinite ? min(max(padding, 0), width / 4) : 0
        let midLatitude = (box.minLatitude + box.maxLatitude) / 2
        // Keep the factor away from 0 so boxes touching a pole stay finite.
        let factor = max(cos(midLatitude * .pi / 180), 0.01)
        let scale = (width - 2 * padding) / ((box.maxLongitude - box.minLongitude) * factor)
        self.bounds = box
        self.width = width
        self.padding = padding
        self.longitudeFactor = factor
        self.pixelsPerDegree = scale
        self.height = (box.maxLatitude - box.minLatitude) * scale + 2 * padding
    }

    /// Pixel position of `p` (may fall outside 0...width / 0...height for points outside `bounds`).
    public func point(_ p: GeoPoint) -> (x: Double, y: Double) {
        (x: padding + (p.longitude - bounds.minLongitude) * longitudeFactor * pixelsPerDegree,
         y: padding + (bounds.maxLatitude - p.latitude) * pixelsPerDegree)
    }

    /// The inverse of `point(_:)`: the position under pixel (x, y), e.g. where a user clicked a
    /// map image. Not clamped, so pixels far outside the drawing may give invalid positions.
    public func geoPoint(x: Double, y: Double) -> GeoPoint {
        GeoPoint(
            latitude: bounds.maxLatitude - (y - padding) / pixelsPerDegree,
            longitude: bounds.minLongitude + (x - padding) / (longitudeFactor * pixelsPerDegree))
    }

    private static func widen(_ low: inout Double, _ high: inout Double) {
        let span = high - low
        guard span < minimumSpan else { return }
        let middle = (low + high) / 2
        low = middle - minimumSpan / 2
        high = middle + minimumSpan / 2
    }
}
