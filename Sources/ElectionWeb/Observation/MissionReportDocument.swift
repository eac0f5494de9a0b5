import ElectionCore
import Foundation

/// A mission's report as a standalone document, for `sala report mission`.
public enum MissionReportDocument {
    /// `md` (Markdown) or `html` (the report page, in `language`).
    public static func render(_ report: MissionReport, format: String, language: Language) async throws -> String {
        let sections = MissionReportSections(report, language)
        guard format == "html" else { return sections.markdown }
        let renderer = try await PageRenderer.load()
        return renderer.html("mission-report", title: sections.title, content: sections, language: language, path: "/missions/\(report.mission.id)")
    }
}
