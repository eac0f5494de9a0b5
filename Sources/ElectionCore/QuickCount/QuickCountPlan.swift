import Foundation

/// What an observer group wants of its quick count, and the sample size that gives it.
///
/// The size comes from the margin wanted for a party's share of the valid votes, at a
/// confidence, in a stratified sample of stations: n₀ = (z·s / e)², then n = n₀ / (1 + n₀/N)
/// for a frame of N stations (the finite population correction). `s` is the spread of a party's
/// share from station to station within a stratum, a planning figure: 10 points is typical of a
/// national count (it gives about 1,070 stations for a margin of 0.6 points at 95%), and a
/// group with earlier station-level results should measure its own.
public struct QuickCountPlan: Sendable, Hashable, Codable {
    /// The half-width wanted for a share, as a fraction (0.01 is one percentage point).
    public var margin: Double
    public var confidence: RatioEstimate.Confidence
    /// The standard deviation of a party's share across the stations of a stratum, as a fraction.
    public var stationSpread: Double

    public static let typicalSpread = 0.10

    public init(margin: Double, confidence: RatioEstimate.Confidence, stationSpread: Double = Self.typicalSpread) {
        self.margin = margin
        self.confidence = confidence
        self.stationSpread = stationSpread
    }

    /// Why a plan cannot give a size.
    public enum Problem: Error, Equatable {
        /// The margin must be above 0 and at most half (50 points).
        case marginOutOfRange
        /// The spread must be above 0 and at most 1.
        case spreadOutOfRange
        case emptyFrame
    }

    /// The stations to sample from a frame of `frameStations`: at least 2 (one gives no spread),
    /// at most the frame.
    public func sampleSize(frameStations: Int) throws(Problem) -> Int {
        guard margin > 0, margin <= 0.5 else { throw .marginOutOfRange }
        guard stationSpread > 0, stationSpread <= 1 else { throw .spreadOutOfRange }
        guard frameStations > 0 else { throw .emptyFrame }
        let unlimited = pow(confidence.z * stationSpread / margin, 2)
        let corrected = unlimited / (1 + unlimited / Double(frameStations))
        return min(frameStations, max(2, Int(corrected.rounded(.up))))
    }
}
