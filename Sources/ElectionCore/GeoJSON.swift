import Foundation

/// What is wrong with a GeoJSON document. Feature indices count from 0 in file order.
public enum GeoJSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data is not JSON at all.
    case invalidJSON
    /// The top level is not an object with `"type": "FeatureCollection"` and a `features` array.
    case notAFeatureCollection
    /// The feature is not an object with `"type": "Feature"`.
    case malformedFeature(feature: Int)
    /// The feature has no usable (string or number) value for the code property.
    case missingProperty(feature: Int, property: String)
    /// The `code` closure returned nil for this property value.
    case unmappedCode(feature: Int, value: String)
    /// Two features map to the same area code.
    case duplicateCode(feature: Int, code: String)
    /// The feature's geometry is missing or null.
    case missingGeometry(feature: Int)
    /// The geometry is not a Polygon or MultiPolygon.
    case unsupportedGeometryType(feature: Int, type: String)
    /// Coordinates are not nested as the geometry type requires, a position is not a finite
    /// [longitude, latitude] within range, or a ring has fewer than 3 distinct vertices.
    case invalidCoordinates(feature: Int)

    public var description: String {
        switch self {
        case .invalidJSON: "GeoJSON: data is not valid JSON"
        case .notAFeatureCollection: "GeoJSON: top level is not a FeatureCollection with a features array"
        case .malformedFeature(let i): "GeoJSON: feature \(i) is not a Feature object"
        case .missingProperty(let i, let p): "GeoJSON: feature \(i) has no property \"\(p)\""
        case .unmappedCode(let i, let v): "GeoJSON: feature \(i) has unrecognised code value \"\(v)\""
        case .duplicateCode(let i, let c): "GeoJSON: feature \(i) repeats area code \"\(c)\""
        case .missingGeometry(let i): "GeoJSON: feature \(i) has no geometry"
        case .unsupportedGeometryType(let i, let t): "GeoJSON: feature \(i) has unsupported geometry type \"\(t)\""
        case .invalidCoordinates(let i): "GeoJSON: feature \(i) has invalid coordinates"
        }
    }
}

/// Reading area outlines from GeoJSON (RFC 7946; positions are [longitude, latitude]).
public enum GeoJSON {
    /// Parses a FeatureCollection whose features are Polygons or MultiPolygons into area shapes,
    /// in file order.
    ///
    /// - Parameters:
    ///   - codeProperty: the feature property identifying the area (e.g. `"shapeISO"`); a string
    ///     value is used as is, an integer number as its decimal digits.
    ///   - code: maps that property value to the area code; returning nil is an error
    ///     (`GeoJSONError.unmappedCode`), so a mapping that does not know a feature fails loudly.
    /// - Throws: `GeoJSONError`.
    public static func areaShapes(
        from data: Data, codeProperty: String, code: (String) -> String?
    ) throws -> [AreaShape] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw GeoJSONError.invalidJSON
        }
        guard let collection = root as? [String: Any],
              collection["type"] as? String == "FeatureCollection",
              let features = collection["features"] as? [Any]
        else { throw GeoJSONError.notAFeatureCollection }

        var shapes: [AreaShape] = []
        shapes.reserveCapacity(features.count)
        var seen = Set<String>()
        for (index, item) in features.enumerated() {
            guard let feature = item as? [String: Any], feature["type"] as? String == "Feature" else {
                throw GeoJSONError.malformedFeature(feature: index)
            }
            let properties = feature["properties"] as? [String: Any] ?? [:]
            guard let value = propertyString(properties[codeProperty]) else {
                throw GeoJSONError.missingProperty(feature: index, property: codeProperty)
            }
            guard let areaCode = code(value) else {
                throw GeoJSONError.unmappedCode(feature: index, value: value)
            }
            guard seen.insert(areaCode).inserted else {
                throw GeoJSONError.duplicateCode(feature: index, code: areaCode)
            }
            guard let geometry = feature["geometry"] as? [String: Any] else {
                throw GeoJSONError.missingGeometry(feature: index)
            }
            let polygons = try parseGeometry(geometry, feature: index)
            shapes.append(AreaShape(code: areaCode, polygons: polygons))
        }
        return shapes
    }

    // MARK: - Helpers

    private static func propertyString(_ value: Any?) -> String? {
        switch value {
        case let s as String:
            return s
        case let i as Int:
            return String(i)
        case let n as NSNumber:
            let d = n.doubleValue
            if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return n.stringValue
        default:
            return nil
        }
    }

    private static func parseGeometry(_ geometry: [String: Any], feature: Int) throws -> [AreaShape.Polygon] {
        guard let type = geometry["type"] as? String else {
            throw GeoJSONError.unsupportedGeometryType(feature: feature, type: "")
        }
        switch type {
        case "Polygon":
            guard let rings = geometry["coordinates"] as? [Any],
                  let polygon = parsePolygon(rings)
            else { throw GeoJSONError.invalidCoordinates(feature: feature) }
            return [polygon]
        case "MultiPolygon":
            guard let items = geometry["coordinates"] as? [Any], !items.isEmpty else {
                throw GeoJSONError.invalidCoordinates(feature: feature)
            }
            var polygons: [AreaShape.Polygon] = []
            polygons.reserveCapacity(items.count)
            for item in items {
                guard let rings = item as? [Any], let polygon = parsePolygon(rings) else {
                    throw GeoJSONError.invalidCoordinates(feature: feature)
                }
                polygons.append(polygon)
            }
            return polygons
        default:
            throw GeoJSONError.unsupportedGeometryType(feature: feature, type: type)
        }
    }

    /// `[outer, hole, hole, ...]`; nil when anything is malformed.
    private static func parsePolygon(_ rings: [Any]) -> AreaShape.Polygon? {
        guard let first = rings.first, let outer = parseRing(first) else { return nil }
        var holes: [[GeoPoint]] = []
        for item in rings.dropFirst() {
            guard let hole = parseRing(item) else { return nil }
            holes.append(hole)
        }
        return AreaShape.Polygon(outer: outer, holes: holes)
    }

    /// A ring of positions, without the repeated closing vertex.
    private static func parseRing(_ value: Any) -> [GeoPoint]? {
        guard let positions = value as? [Any] else { return nil }
        var ring: [GeoPoint] = []
        ring.reserveCapacity(positions.count)
        for item in positions {
            guard let position = item as? [Any], position.count >= 2,
                  let longitude = number(position[0]), let latitude = number(position[1])
            else { return nil }
            let point = GeoPoint(latitude: latitude, longitude: longitude)
            guard point.isValid else { return nil }
            ring.append(point)
        }
        if ring.count > 1, ring.first == ring.last { ring.removeLast() }
        guard ring.count >= 3 else { return nil }
        return ring
    }

    private static func number(_ value: Any) -> Double? {
        switch value {
        case let d as Double: return d
        case let i as Int: return Double(i)
        case let n as NSNumber: return n.doubleValue
        default: return nil
        }
    }
}
