import ElectionCore
import Foundation

/// An SVG map drawn on the server: area outlines that link to their pages, and optional points.
///
/// Areas are drawn in the given order, except that highlighted areas are drawn after the others
/// so their outline is not covered by neighbours; markers come last. Areas and markers lying
/// wholly outside the drawing (possible with `fitTo`) are left out, so that no invisible links
/// end up in the keyboard tab order; areas partly inside are drawn whole and clipped by the
/// viewBox.
public struct SVGMap: Sendable {
    public struct Area: Sendable {
        public var shape: AreaShape
        /// Accessible name and tooltip, e.g. the province name.
        public var label: String
        /// Where clicking the area goes; nil draws the area without a link.
        public var href: String?
        /// Drawn in the highlight colour (e.g. the current province).
        public var highlighted: Bool
        /// A fill of its own (e.g. the leading party's colour), instead of the default.
        public var fill: String?

        public init(shape: AreaShape, label: String, href: String? = nil, highlighted: Bool = false, fill: String? = nil) {
            self.shape = shape
            self.label = label
            self.href = href
            self.highlighted = highlighted
            self.fill = fill
        }
    }

    public struct Marker: Sendable {
        public var position: GeoPoint
        /// Accessible name and tooltip, e.g. a polling station's name.
        public var label: String
        /// Where clicking the marker goes; nil draws it without a link.
        public var href: String?
        /// A colour of its own (e.g. an incident's category), instead of the default.
        public var fill: String?

        public init(position: GeoPoint, label: String, href: String? = nil, fill: String? = nil) {
            self.position = position
            self.label = label
            self.href = href
            self.fill = fill
        }
    }

    public var areas: [Area]
    public var markers: [Marker]
    /// Accessible name of the whole map (the svg's `<title>`).
    public var title: String
    /// Prefix for element ids (the title's id is "\(id)-title"); make it unique when a page
    /// holds several inline maps.
    public var id: String
    /// Pixel geometry; fixed at init from `width` and `fitTo` (or everything drawn).
    public var projection: MapProjection

    /// Colours used as presentation attributes; page CSS on the classes `area`, `highlighted`
    /// and `marker` overrides them.
    public static let areaFill = "#e8eef5"
    public static let areaStroke = "#345"
    public static let highlightFill = "#f4c542"
    public static let markerFill = "#c0392b"
    /// Marker circle radius in pixels.
    public static let markerRadius = 4.0

    /// - Parameters:
    ///   - width: pixel width; the height follows from the fitted box.
    ///   - fitTo: the geographic box to show (e.g. one province's bounding box to zoom on it);
    ///     nil fits all areas and markers.
    ///   - id: prefix for element ids.
    public init(
        areas: [Area], markers: [Marker] = [], width: Double, title: String,
        fitTo: BoundingBox? = nil, id: String = "map"
    ) {
        self.areas = areas
        self.markers = markers
        self.title = title
        self.id = id
        let box = fitTo ?? areas.reduce(BoundingBox(points: markers.map(\.position))) {
            $0.union($1.shape.boundingBox)
        }
        self.projection = MapProjection(fitting: box, width: width)
    }

    /// `standalone` true: full document with xmlns (for an <img>, <input type=image> or <object>);
    /// false: inline <svg> for an HTML page.
    ///
    /// The svg has `role="img"` and `aria-labelledby` pointing at its `<title>`. A map holding
    /// links gets `role="group"` instead, because `img` makes its children presentational and
    /// would hide the links from assistive technology; a standalone map's links open in the page
    /// (`target="_top"`), not in the object showing it.
    public func render(standalone: Bool) -> String {
        let w = Self.number(projection.width)
        let h = Self.number(projection.height)
        let titleID = Self.escape(id + "-title")
        let hasLinks = areas.contains { $0.href != nil } || markers.contains { $0.href != nil }
        let role = hasLinks ? "group" : "img"
        // A map of its own shown in an <object> opens its links in the page, not in the object.
        let target = standalone ? " target=\"_top\"" : ""

        var out = ""
        out.reserveCapacity(16_384)
        if standalone {
            out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            out += "<svg xmlns=\"http://www.w3.org/2000/svg\""
        } else {
            out += "<svg"
        }
        out += " class=\"map\" role=\"\(role)\" aria-labelledby=\"\(titleID)\""
        out += " viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\">\n"
        out += "<title id=\"\(titleID)\">\(Self.escape(title))</title>\n"

        let viewport = (minX: 0.0, minY: 0.0, maxX: projection.width, maxY: projection.height)
        let ordered = areas.filter { !$0.highlighted } + areas.filter(\.highlighted)
        for area in ordered {
            guard let d = pathData(area.shape, viewport: viewport) else { continue }
            let label = Self.escape(area.label)
            let fill = area.fill ?? (area.highlighted ? Self.highlightFill : Self.areaFill)
            let path = "<path class=\"\(area.highlighted ? "area highlighted" : "area")\" d=\"\(d)\""
                + " fill=\"\(fill)\" fill-rule=\"evenodd\" stroke=\"\(Self.areaStroke)\""
                + " stroke-width=\"0.75\" stroke-linejoin=\"round\" vector-effect=\"non-scaling-stroke\""
            if let href = area.href {
                out += "<a href=\"\(Self.escape(href))\"\(target)><title>\(label)</title>\(path)/></a>\n"
            } else {
                out += "\(path)><title>\(label)</title></path>\n"
            }
        }

        let r = Self.markerRadius
        for marker in markers {
            let (x, y) = projection.point(marker.position)
            guard x.isFinite, y.isFinite,
                  x >= viewport.minX - r, x <= viewport.maxX + r,
                  y >= viewport.minY - r, y <= viewport.maxY + r
            else { continue }
            let label = Self.escape(marker.label)
            let circle = "<circle class=\"marker\" cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\""
                + " r=\"\(Self.number(r))\" fill=\"\(marker.fill ?? Self.markerFill)\" stroke=\"#fff\" stroke-width=\"1\""
            if let href = marker.href {
                out += "<a href=\"\(Self.escape(href))\"\(target)><title>\(label)</title>\(circle)/></a>\n"
            } else {
                out += "\(circle)><title>\(label)</title></circle>\n"
            }
        }
        out += "</svg>\n"
        return out
    }

    // MARK: - Path data

    /// The `d` attribute for a shape, or nil when nothing of it falls inside the viewport.
    /// Coordinates are rounded to 0.1 px; consecutive vertices that round to the same pixel
    /// position are dropped, and so are those that move the outline by less than half a pixel.
    func pathData(
        _ shape: AreaShape, viewport: (minX: Double, minY: Double, maxX: Double, maxY: Double)
    ) -> String? {
        let box = shape.boundingBox
        guard !box.isEmpty else { return nil }
        let topLeft = projection.point(GeoPoint(latitude: box.maxLatitude, longitude: box.minLongitude))
        let bottomRight = projection.point(GeoPoint(latitude: box.minLatitude, longitude: box.maxLongitude))
        guard topLeft.x <= viewport.maxX, bottomRight.x >= viewport.minX,
              topLeft.y <= viewport.maxY, bottomRight.y >= viewport.minY
        else { return nil }

        var d = ""
        for polygon in shape.polygons {
            appendRing(polygon.outer, to: &d)
            for hole in polygon.holes { appendRing(hole, to: &d) }
        }
        return d.isEmpty ? nil : d
    }

    private func appendRing(_ ring: [GeoPoint], to d: inout String) {
        var tenths: [(Int, Int)] = []
        tenths.reserveCapacity(ring.count)
        for p in ring {
            let (x, y) = projection.point(p)
            guard let tx = Self.tenths(x), let ty = Self.tenths(y) else { continue }
            if let last = tenths.last, last == (tx, ty) { continue }
            tenths.append((tx, ty))
        }
        if tenths.count > 1, let first = tenths.first, let last = tenths.last, first == last {
            tenths.removeLast()
        }
        tenths = Self.simplified(tenths, tolerance: Self.toleranceTenths)
        guard tenths.count >= 3 else { return }  // too small to see at this scale
        // The first point absolute, the others relative to the one before: short numbers.
        var previous = tenths[0]
        d += "M"
        Self.appendTenths(previous.0, to: &d)
        d += ","
        Self.appendTenths(previous.1, to: &d)
        d += "l"
        for (i, point) in tenths.enumerated().dropFirst() {
            if i > 1 { d += " " }
            Self.appendTenths(point.0 - previous.0, to: &d)
            d += ","
            Self.appendTenths(point.1 - previous.1, to: &d)
            previous = point
        }
        d += "Z"
    }

    /// Outlines lose the vertices that move them by less than half a pixel (in tenths of a pixel):
    /// invisible on the screen, and most of the map's weight.
    static let toleranceTenths = 5

    /// Douglas-Peucker: keeps the ends, and recursively the point farthest from the chord while
    /// it lies farther than `tolerance`.
    static func simplified(_ points: [(Int, Int)], tolerance: Int) -> [(Int, Int)] {
        guard points.count > 3 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var spans = [(0, points.count - 1)]
        let limit = Double(tolerance)
        while let (first, last) = spans.popLast() {
            guard last - first > 1 else { continue }
            let (ax, ay) = (Double(points[first].0), Double(points[first].1))
            let (bx, by) = (Double(points[last].0), Double(points[last].1))
            let (dx, dy) = (bx - ax, by - ay)
            let length = (dx * dx + dy * dy).squareRoot()
            var farthest = first
            var distance = -1.0
            for i in (first + 1)..<last {
                let (px, py) = (Double(points[i].0), Double(points[i].1))
                let gap = length == 0
                    ? ((px - ax) * (px - ax) + (py - ay) * (py - ay)).squareRoot()
                    : abs(dy * px - dx * py + bx * ay - by * ax) / length
                if gap > distance { (farthest, distance) = (i, gap) }
            }
            guard distance > limit else { continue }
            keep[farthest] = true
            spans.append((first, farthest))
            spans.append((farthest, last))
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }

    // MARK: - Formatting

    /// `value` in tenths, or nil when not finite or absurdly large.
    private static func tenths(_ value: Double) -> Int? {
        let t = (value * 10).rounded()
        guard t.isFinite, abs(t) < 1e12 else { return nil }
        return Int(t)
    }

    /// Writes a count of tenths as a decimal: 1234 -> "123.4", 1230 -> "123", -5 -> "-0.5".
    private static func appendTenths(_ t: Int, to s: inout String) {
        if t < 0 { s += "-" }
        let m = t.magnitude
        s += String(m / 10)
        if m % 10 != 0 { s += "." + String(m % 10) }
    }

    /// A pixel quantity rounded to 0.1, without a trailing ".0".
    static func number(_ value: Double) -> String {
        var s = ""
        appendTenths(tenths(value) ?? 0, to: &s)
        return s
    }

    /// Escapes text for XML/HTML content and attribute values, dropping characters XML 1.0
    /// does not allow (control characters other than tab, newline and carriage return).
    static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
