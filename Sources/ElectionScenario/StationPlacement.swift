import ElectionCore

/// Places polling stations inside their province's outline, near their commune's approximate point
/// where one is known and inside the province, else near the district's known communes, else anywhere
/// in the province.
struct StationPlacement {
    private var anchors: [CommuneCode: GeoPoint] = [:]
    private let shapes: [ProvinceCode: AreaShape]

    init(facts: ReferenceFacts, seed: UInt64) {
        shapes = facts.shapes
        var rng = SeededGenerator(seed: seed, stream: 4)
        var districtPoints: [String: [GeoPoint]] = [:]
        for commune in facts.communes {
            if let p = commune.approximatePosition, shapes[commune.provinceCode]?.contains(p) == true {
                anchors[commune.id] = p
                districtPoints[commune.districtCode, default: []].append(p)
            }
        }
        for commune in facts.communes where anchors[commune.id] == nil {
            if let points = districtPoints[commune.districtCode], !points.isEmpty {
                let mean = GeoPoint(
                    latitude: points.map(\.latitude).reduce(0, +) / Double(points.count),
                    longitude: points.map(\.longitude).reduce(0, +) / Double(points.count))
                if shapes[commune.provinceCode]?.contains(mean) == true {
                    anchors[commune.id] = jittered(mean, in: commune.provinceCode, spread: 0.03, using: &rng)
                    continue
                }
            }
            anchors[commune.id] = randomPoint(in: commune.provinceCode, using: &rng)
        }
    }

    /// A position for one more station of `commune`, within about 2 km of the commune's anchor.
    func position(for commune: Commune, using rng: inout SeededGenerator) -> GeoPoint {
        let anchor = anchors[commune.id] ?? randomPoint(in: commune.provinceCode, using: &rng)
        return jittered(anchor, in: commune.provinceCode, spread: 0.02, using: &rng)
    }

    private func jittered(_ p: GeoPoint, in province: ProvinceCode, spread: Double, using rng: inout SeededGenerator) -> GeoPoint {
        for _ in 0..<20 {
            let candidate = GeoPoint(
                latitude: p.latitude + Double.random(in: -spread...spread, using: &rng),
                longitude: p.longitude + Double.random(in: -spread...spread, using: &rng))
            if shapes[province]?.contains(candidate) ?? true { return Self.rounded(candidate) }
        }
        return Self.rounded(p)
    }

    private func randomPoint(in province: ProvinceCode, using rng: inout SeededGenerator) -> GeoPoint {
        guard let shape = shapes[province] else { return GeoPoint(latitude: 12.5, longitude: 105) }
        let box = shape.boundingBox
        for _ in 0..<10_000 {
            let candidate = GeoPoint(
                latitude: Double.random(in: box.minLatitude...box.maxLatitude, using: &rng),
                longitude: Double.random(in: box.minLongitude...box.maxLongitude, using: &rng))
            if shape.contains(candidate) { return candidate }
        }
        return box.center
    }

    /// Six decimals (about 10 cm) is all a station's position needs.
    private static func rounded(_ p: GeoPoint) -> GeoPoint {
        GeoPoint(latitude: (p.latitude * 1e6).rounded() / 1e6, longitude: (p.longitude * 1e6).rounded() / 1e6)
    }
}
