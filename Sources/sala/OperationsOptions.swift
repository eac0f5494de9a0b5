import ArgumentParser
import ElectionWeb
import Logging
import Metrics

/// `sala serve`'s options for its operators: the log format and who may read `/metrics`.
struct OperationsOptions: ParsableArguments {
    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, logfmt, json
    }

    @Option(help: ArgumentHelp(
        "Log lines on standard error: text (readable), logfmt, or json (one object a line). One line per request at info level; LOG_LEVEL=debug adds /health's.",
        valueName: "FORMAT"))
    var logFormat: LogFormat = .text

    @Option(help: ArgumentHelp(
        "An address or CIDR block (repeatable) that may read /metrics besides loopback; anyone else gets 404.",
        valueName: "CIDR"))
    var metricsFrom: [String] = []

    @Flag(help: "Serve no /metrics and record no request metrics.")
    var noMetrics = false

    func validate() throws {
        for block in metricsFrom where TrustedProxies.Block(block) == nil {
            throw ValidationError("--metrics-from must be an IP address or a CIDR block such as 10.0.0.0/8, not '\(block)'.")
        }
        if noMetrics && !metricsFrom.isEmpty { throw ValidationError("Give either --no-metrics or --metrics-from, not both.") }
    }

    /// Sets the process's log handler and metrics backend: once, before anything logs or counts
    /// (swift-log and swift-metrics each take one bootstrap per process). nil without metrics.
    func bootstrap() -> PortalMetrics? {
        switch logFormat {
        case .text: break  // swift-log's own readable lines
        case .logfmt, .json:
            let format: LogLines.Format = logFormat == .json ? .json : .logfmt
            LoggingSystem.bootstrap { label in LogLines(label: label, format: format) }
        }
        guard !noMetrics else { return nil }
        let metrics = PortalMetrics(readers: PortalMetrics.loopback + metricsFrom.compactMap(TrustedProxies.Block.init))
        MetricsSystem.bootstrap(metrics.factory)
        return metrics
    }
}
