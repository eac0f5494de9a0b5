import ElectionCore
import ElectionTestSupport
import Foundation
import Testing

/// The quick count's stratified ratio estimator, checked against a sample worked by hand and
/// against an independent computation in Python on random samples.
@Suite struct RatioEstimatorTests {
    static func observations(_ pairs: [(Int, Int)]) -> [RatioObservation] { pairs.map { RatioObservation(numerator: $0.0, denominator: $0.1) } }

    /// Worked by hand. Stratum A: 10 stations, 3 reported (30/100, 50/100, 20/50); B: 4 stations,
    /// 2 reported (10/40, 30/60). Weights 10/3 and 2: numerator 1240/3, denominator 3100/3, R = 0.4.
    /// Residuals y − 0.4x: A −10, 10, 0 (variance 100); B −6, 6 (variance 72). Variance of the
    /// residual total: 10²·(1 − 3/10)·100/3 + 4²·(1 − 2/4)·72/2 = 7000/3 + 288 = 7864/3; divided by
    /// (3100/3)²: V(R) = 7864·3 / 3100² = 23592/9610000.
    @Test func aSampleWorkedByHand() throws {
        let estimate = try #require(RatioEstimator.estimate([
            QuickCountStratum(name: "A", frameStations: 10, reports: Self.observations([(30, 100), (50, 100), (20, 50)])),
            QuickCountStratum(name: "B", frameStations: 4, reports: Self.observations([(10, 40), (30, 60)])),
        ]))
        #expect(abs(estimate.ratio - 0.4) < 1e-15)
        #expect(abs(estimate.standardError - (23_592.0 / 9_610_000.0).squareRoot()) < 1e-15)
        #expect(estimate.reportingStations == 5 && estimate.strataWithOneReport == 0)
        let interval = estimate.interval(.ninetyFive)
        #expect(abs(interval.upperBound - interval.lowerBound - 2 * 1.959_963_984_540_054 * estimate.standardError) < 1e-15)
        #expect(estimate.interval(.ninetyNine).lowerBound < interval.lowerBound)
    }

    @Test func aCensusHasNoSamplingErrorAndAStratumOfOneIsNamed() throws {
        let census = try #require(RatioEstimator.estimate([
            QuickCountStratum(name: "A", frameStations: 3, reports: Self.observations([(30, 100), (50, 100), (20, 50)])),
        ]))
        #expect(abs(census.ratio - 100.0 / 250.0) < 1e-15 && census.standardError == 0, "every station reported: the ratio is the count's")
        let thin = try #require(RatioEstimator.estimate([
            QuickCountStratum(name: "A", frameStations: 10, reports: Self.observations([(30, 100), (50, 100)])),
            QuickCountStratum(name: "B", frameStations: 8, reports: Self.observations([(10, 40)])),
            QuickCountStratum(name: "C", frameStations: 5, reports: []),
        ]))
        #expect(thin.strataWithOneReport == 1 && thin.reportingStations == 3)
        #expect(RatioEstimator.estimate([QuickCountStratum(name: "A", frameStations: 5, reports: [])]) == nil)
        #expect(RatioEstimator.estimate([QuickCountStratum(name: "A", frameStations: 5, reports: Self.observations([(0, 0)]))]) == nil)
    }

    /// Random stratified samples, computed again by Python's `statistics` from the same figures.
    @Test func pythonAgreesOnRandomSamples() throws {
        var generator = SystemRandomNumberGenerator()
        var samples: [[QuickCountStratum]] = []
        for _ in 0..<20 {
            samples.append((0..<Int.random(in: 2...12, using: &generator)).map { h in
                let reports = (0..<Int.random(in: 2...30, using: &generator)).map { _ -> RatioObservation in
                    let valid = Int.random(in: 50...900, using: &generator)
                    return RatioObservation(numerator: Int.random(in: 0...valid, using: &generator), denominator: valid)
                }
                return QuickCountStratum(name: "s\(h)", frameStations: reports.count + Int.random(in: 0...400, using: &generator), reports: reports)
            })
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ratio-\(UUID().uuidString).json")
        try JSONEncoder().encode(samples).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, math, statistics, sys
            out = []
            for strata in json.load(open(sys.argv[1])):
                w = [(s["frameStations"] / len(s["reports"]), s) for s in strata]
                y = sum(wt * sum(r["numerator"] for r in s["reports"]) for wt, s in w)
                x = sum(wt * sum(r["denominator"] for r in s["reports"]) for wt, s in w)
                ratio = y / x
                v = 0.0
                for s in strata:
                    m, n = len(s["reports"]), s["frameStations"]
                    e = [r["numerator"] - ratio * r["denominator"] for r in s["reports"]]
                    v += n * n * (1 - m / n) * statistics.variance(e) / m
                out.append([ratio, math.sqrt(v) / x])
            print(json.dumps(out))
            """
        let (status, output) = try Python3.run(["-c", script, file.path])
        try #require(status == 0, "\(output)")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[Double]])
        for (strata, python) in zip(samples, expected) {
            let estimate = try #require(RatioEstimator.estimate(strata))
            #expect(abs(estimate.ratio - python[0]) <= 1e-12 * max(1, abs(python[0])))
            #expect(abs(estimate.standardError - python[1]) <= 1e-9 * max(1e-9, python[1]))
        }
        #expect(expected.count == samples.count)
    }
}

/// From a mission's draw to the estimate: the strata keep the frame's sizes, only drawn stations
/// count, and when every station of the frame is drawn and reports, the estimate is the count.
@Suite struct DrawToEstimateTests {
    static let frame: [StationCode] = (1...12).map { StationCode(commune: "010201", number: $0) } + (1...6).map { StationCode(commune: "020101", number: $0) }

    @Test func theDrawsStrataCarryTheirInclusionProbabilities() throws {
        let draw = StationDraw(seed: 7, frame: Self.frame, size: 6, strata: .province)
        let strata = try draw.drawnStrata()
        #expect(strata.map(\.unit) == ["01", "02"] && strata.map(\.frameStations) == [12, 6])
        #expect(strata.map(\.drawn.count) == [4, 2], "proportional: 6 of 18, a third of each province")
        #expect(try draw.stations() == strata.flatMap(\.drawn).sorted())
        let reports = Dictionary(uniqueKeysWithValues: Self.frame.map { ($0, RatioObservation(numerator: $0.number, denominator: 20)) })
        let built = RatioEstimator.strata(of: strata, reports: reports)
        #expect(built.map(\.reports.count) == [4, 2] && built.map(\.frameStations) == [12, 6])
        let partial = RatioEstimator.strata(of: strata, reports: reports.filter { $0.key.province == "01" })
        #expect(partial.map(\.reports.count) == [4, 0], "a province not reported yet is missing, not zero")
    }

    @Test func aDrawOfTheWholeFrameEstimatesTheCountExactly() throws {
        let strata = try StationDraw(seed: 3, frame: Self.frame, size: Self.frame.count, strata: .province).drawnStrata()
        let reports = Dictionary(uniqueKeysWithValues: Self.frame.map { ($0, RatioObservation(numerator: $0.number * 3, denominator: 40 + $0.number)) })
        let estimate = try #require(RatioEstimator.estimate(RatioEstimator.strata(of: strata, reports: reports)))
        let count = Double(reports.values.reduce(0) { $0 + $1.numerator }) / Double(reports.values.reduce(0) { $0 + $1.denominator })
        #expect(abs(estimate.ratio - count) < 1e-12 && estimate.standardError == 0)
    }
}
