import ElectionCore
import Foundation
import Mustache

/// The printed voter list of polling stations: one page per station, in Khmer order, with a
/// column for each voter's signature on election day. For officials only (personal data).
public enum VoterListDocument {
    struct Row: Sendable {
        let number: String
        let voterNumber: String
        let khmer: String
        let latin: String
        let sex: String
        let born: String
    }
    struct Page: Sendable {
        let station: String
        let address: String
        let count: String
        let rows: [Row]
    }
    struct Document: Sendable {
        let title: String
        let pages: [Page]
    }

    /// One page per station, each `(station, voters)`, as standalone HTML ready to print.
    public static func html(title: String, stations: [(PollingStation, [Voter])]) async throws -> String {
        let renderer = try await PageRenderer.load()
        let document = Document(title: title, pages: stations.map { station, voters in
            Page(
                station: "\(station.id) · \(station.nameKhmer) · \(station.nameEnglish)",
                address: "\(station.addressKhmer) · \(station.addressEnglish)",
                count: Numerals.grouped(voters.count),
                rows: VoterListOrder.sorted(voters).enumerated().map { index, v in
                    Row(number: String(index + 1), voterNumber: v.number.description, khmer: v.name.khmer, latin: v.name.latin,
                        sex: v.sex.rawValue, born: v.dateOfBirth.iso)
                })
        })
        return renderer.library.render(document, withTemplate: "voter-list") ?? ""
    }
}
