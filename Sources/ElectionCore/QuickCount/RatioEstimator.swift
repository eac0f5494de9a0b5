import Foundation

/// What a quick count observes at one sampled station for one ratio: the numerator (a party's
/// votes, or the ballots cast) and the denominator (the valid votes, or the registered voters).
public struct RatioObservation: Sendable, Hashable, Codable {
    public var numerator: Int
    public var denominator: Int

    public init(numerator: Int, denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }
}

/// One stratum of a quick count's sample: how many stations its frame holds, and the figures of
/// the sampled stations that have reported. Reporting stations stand for the stratum's frame with
/// equal weight (`frameStations / reports.count`): stations not reported yet are taken to be like
/// those that have, within their stratum. Whether that holds is the caller's to judge and state.
public struct QuickCountStratum: Sendable, Hashable, Codable {
    public var name: String
    /// N: the stations of the frame in this stratum.
    public var frameStations: Int
    public var reports: [RatioObservation]

    public init(name: String, frameStations: Int, reports: [RatioObservation]) {
        self.name = name
        self.frameStations = frameStations
        self.reports = reports
    }
}

/// A ratio estimated from a stratified sample, with its standard error.
public struct RatioEstimate: Sendable, Hashable, Codable {
    public enum Confidence: Double, Sendable, Hashable, Codable, CaseIterable {
        case ninetyFive = 0.95
        case ninetyNine = 0.99

        /// The standard normal quantile that leaves (1 - confidence) / 2 in each tail.
        public var z: Double {
            switch self {
            case .ninetyFive: 1.959_963_984_540_054
            case .ninetyNine: 2.575_829_303_548_900_4
            }
        }
    }

    public var ratio: Double
    public var standardError: Double
    /// The reporting stations the estimate rests on.
    public var reportingStations: Int
    /// Strata with a single report: they add nothing to the variance (one report has no spread),
    /// so when there are any the standard error is understated, and a page should say so.
    public var strataWithOneReport: Int

    public init(ratio: Double, standardError: Double, reportingStations: Int, strataWithOneReport: Int) {
        self.ratio = ratio
        self.standardError = standardError
        self.reportingStations = reportingStations
        self.strataWithOneReport = strataWithOneReport
    }

    /// The interval at `confidence`, from the normal approximation.
    public func interval(_ confidence: Confidence) -> ClosedRange<Double> {
        let half = confidence.z * standardError
        return (ratio - half)...(ratio + half)
    }
}

/// The stratified ratio estimator of a quick count: R = Σ w·y / Σ w·x over the reporting
/// stations, each weighted by its stratum's frame over its reports, with the variance by
/// linearisation (Taylor series): V(R) ≈ Σ_h N_h² (1 − m_h/N_h) s²_h / m_h ÷ X², where s²_h is
/// the sample variance of the residuals y − R·x in stratum h, m_h its reports and X the
/// estimated total of the denominators (Cochran, *Sampling Techniques*, 3rd ed., §6.11).
public enum RatioEstimator {
    /// The draw's strata with the reports of its stations that have reported (`reports` may hold
    /// other stations too: only the drawn count).
    public static func strata(of draw: [StationDraw.Stratum], reports: [StationCode: RatioObservation]) -> [QuickCountStratum] {
        draw.map { stratum in
            QuickCountStratum(name: stratum.unit.rawValue.isEmpty ? "nation" : stratum.unit.rawValue, frameStations: stratum.frameStations,
                              reports: stratum.drawn.compactMap { reports[$0] })
        }
    }

    /// The estimate, or nil when no stratum has a report or the denominators add up to nothing.
    public static func estimate(_ strata: [QuickCountStratum]) -> RatioEstimate? {
        let reporting = strata.filter { !$0.reports.isEmpty }
        var numerator = 0.0, denominator = 0.0
        for stratum in reporting {
            let weight = Double(stratum.frameStations) / Double(stratum.reports.count)
            numerator += weight * Double(stratum.reports.reduce(0) { $0 + $1.numerator })
            denominator += weight * Double(stratum.reports.reduce(0) { $0 + $1.denominator })
        }
        guard denominator > 0 else { return nil }
        let ratio = numerator / denominator
        var variance = 0.0, single = 0
        for stratum in reporting {
            let m = Double(stratum.reports.count), n = Double(stratum.frameStations)
            guard stratum.reports.count > 1 else { single += 1; continue }
            let residuals = stratum.reports.map { Double($0.numerator) - ratio * Double($0.denominator) }
            let mean = residuals.reduce(0, +) / m
            let spread = residuals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (m - 1)
            variance += n * n * max(0, 1 - m / n) * spread / m
        }
        return RatioEstimate(
            ratio: ratio, standardError: (variance / (denominator * denominator)).squareRoot(),
            reportingStations: reporting.reduce(0) { $0 + $1.reports.count }, strataWithOneReport: single)
    }
}
