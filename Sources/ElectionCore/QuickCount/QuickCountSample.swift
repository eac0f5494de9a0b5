import Foundation

/// A mission's quick-count sample as drawn and recorded: the draw (seed, frame, size, strata),
/// the plan it was sized from, the frame's version, and every station drawn or held as a
/// substitute with its inclusion probability. Anyone with the frame and the seed draws it again.
public struct QuickCountSample: Sendable, Hashable, Codable {
    public var missionID: MissionID
    public var seed: UInt64
    public var strata: StationDraw.Strata
    public var size: Int
    public var substitutesPerStratum: Int
    /// The plan the size came from; nil when the group chose the size itself.
    public var plan: QuickCountPlan?
    /// ``StationDraw/frameVersion`` of the frame drawn from.
    public var frameVersion: String
    public var frameStations: Int
    public var drawnAt: Date
    /// Whether the mission has made its estimates and check public.
    public var published: Bool
    public var stations: [QuickCountStation]

    public init(
        missionID: MissionID, seed: UInt64, strata: StationDraw.Strata, size: Int, substitutesPerStratum: Int, plan: QuickCountPlan?,
        frameVersion: String, frameStations: Int, drawnAt: Date, published: Bool, stations: [QuickCountStation]
    ) {
        self.missionID = missionID
        self.seed = seed
        self.strata = strata
        self.size = size
        self.substitutesPerStratum = substitutesPerStratum
        self.plan = plan
        self.frameVersion = frameVersion
        self.frameStations = frameStations
        self.drawnAt = drawnAt
        self.published = published
        self.stations = stations
    }

    /// Stations drawn at least in each stratum: with one, a stratum's spread is unknown.
    public static let minimumPerStratum = 2

    /// Draws the sample from `frame` (the stations with registered voters), with `substitutes`
    /// per stratum; each stratum gets at least ``minimumPerStratum`` stations.
    public static func draw(
        missionID: MissionID, frame: [StationCode], seed: UInt64, size: Int, strata: StationDraw.Strata, substitutes: Int,
        plan: QuickCountPlan?, at time: Date
    ) throws(StationDraw.Problem) -> QuickCountSample {
        let draw = StationDraw(seed: seed, frame: frame, size: size, strata: strata)
        let drawn = try draw.drawnStrata(minimumPerStratum: minimumPerStratum)
        let held = try draw.substitutes(perStratum: substitutes, minimumPerStratum: minimumPerStratum)
        var stations: [QuickCountStation] = []
        // A stratum the size left without a station cannot be estimated, so it holds no substitutes either.
        for stratum in drawn where !stratum.drawn.isEmpty {
            let sampled = stratum.drawn.count
            stations += stratum.drawn.map {
                QuickCountStation(code: $0, stratum: stratum.unit, stratumFrame: stratum.frameStations, stratumSample: sampled, substitute: nil)
            }
            stations += (held[stratum.unit] ?? []).enumerated().map {
                QuickCountStation(code: $1, stratum: stratum.unit, stratumFrame: stratum.frameStations, stratumSample: sampled, substitute: $0 + 1)
            }
        }
        return QuickCountSample(
            missionID: missionID, seed: seed, strata: strata, size: size, substitutesPerStratum: substitutes, plan: plan,
            frameVersion: draw.frameVersion, frameStations: draw.frame.count, drawnAt: time, published: false, stations: stations)
    }

    /// Anyone may read a published quick count (its sample, estimates and check); before, only the
    /// mission's members (``MissionAction/followQuickCount``): the stations observed are not
    /// told to those who could act on them, and estimates are not released before the mission decides.
    public func requireReadable(by member: MissionMember?) throws(Refusal) {
        guard !published else { return }
        guard let member else { throw Refusal(.roleMayNot, "mission \(missionID) has not published its quick count") }
        try member.require(.followQuickCount, forMission: missionID)
    }

    /// The sampled stations (not substitutes).
    public var sampled: [QuickCountStation] { stations.filter { $0.substitute == nil } }

    /// The station of the sample or its substitutes with this code.
    public func station(_ code: StationCode) -> QuickCountStation? { stations.first { $0.code == code } }

    /// The strata with the stations that stand for them: each sampled station that has reported,
    /// and for each one that has not, the next substitute of its stratum that has (in rank order).
    /// `reported` says which stations' counts are in.
    public func standing(reported: Set<StationCode>) -> [(stratum: StationDraw.Stratum, standing: [StationCode])] {
        let byStratum = Dictionary(grouping: stations, by: \.stratum)
        return byStratum.keys.sorted().map { unit in
            let members = byStratum[unit]!
            let sampled = members.filter { $0.substitute == nil }
            let missing = sampled.filter { !reported.contains($0.code) }.count
            let substitutes = members.filter { $0.substitute != nil && reported.contains($0.code) }
                .sorted { $0.substitute! < $1.substitute! }.prefix(missing)
            let stratum = StationDraw.Stratum(unit: unit, frameStations: members[0].stratumFrame, drawn: sampled.map(\.code))
            return (stratum, sampled.filter { reported.contains($0.code) }.map(\.code) + substitutes.map(\.code))
        }
    }
}

/// One station of a quick-count sample: drawn, or held as a substitute for its stratum.
public struct QuickCountStation: Sendable, Hashable, Codable {
    public var code: StationCode
    public var stratum: UnitCode
    /// Stations of the frame in the stratum.
    public var stratumFrame: Int
    /// Stations drawn in the stratum.
    public var stratumSample: Int
    /// The substitute's rank in its stratum (1 is used first); nil for a station drawn.
    public var substitute: Int?

    public init(code: StationCode, stratum: UnitCode, stratumFrame: Int, stratumSample: Int, substitute: Int?) {
        self.code = code
        self.stratum = stratum
        self.stratumFrame = stratumFrame
        self.stratumSample = stratumSample
        self.substitute = substitute
    }

    /// The chance the draw gave each station of the stratum: drawn over frame.
    public var inclusionProbability: Rational { Rational(stratumSample, stratumFrame) }
    /// How many of the stratum's stations each one drawn stands for: frame over drawn.
    public var weight: Rational { Rational(stratumFrame, stratumSample) }
}
