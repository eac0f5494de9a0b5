import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Khmer everywhere: every public page rendered in Khmer shows none of the interface's English
/// sentences. (Names and codes, and data entered only in English, may appear; the interface may not.)
/// The scenario's mission gives its texts in both languages, so its page is among them.
@Suite struct KhmerPagesTests {
    @Test func noEnglishSentenceOfTheInterfaceOnAKhmerPage() async throws {
        let english = Language.english.templateStrings
        let khmer = Language.khmer.templateStrings
        // Sentences only: two words or more, and different in Khmer (an acronym may be the same).
        let sentences = english.compactMap { key, text -> (String, String)? in
            let plain = text.replacingOccurrences(of: #"\{[a-z_A-Z]+\}"#, with: "|", options: .regularExpression)
            let longest = plain.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.max { $0.count < $1.count } ?? ""
            guard longest.split(separator: " ").count >= 2, khmer[key] != text else { return nil }
            return (key, longest.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;"))
        }
        #expect(sentences.count > 300)
        let station = TestDatabases.scenario.reference.pollingStations[0]
        let pages = [
            "/", "/registration", "/stations", "/stations/search?q=pagoda", "/stations/\(station.id)", "/provinces/12",
            "/communes/\(station.communeCode)", "/parties", "/parties/1", "/commissions", "/map", "/results", "/results/provinces/12",
            "/results/communes/\(station.communeCode)", "/results/stations/\(station.id)", "/missions", "/missions/demo-2023",
            "/elections", "/signin", "/observe", "/calendar", "/party", "/campaign/airtime", "/accreditation", "/accreditation/verify", "/accreditation/codes/journalist",
        ]
        try await PortalTestApp.run { client in
            // The same search finds the sentences on an English page: it would see them on a Khmer one.
            let englishPage = try await client.get("/en/results").body
            #expect(sentences.filter { englishPage.contains($0.1) }.count >= 5)
            for path in pages {
                let reply = try await client.get("/km\(path)")
                #expect(reply.status == .ok, "/km\(path)")
                for (key, sentence) in sentences where reply.body.contains(sentence) {
                    Issue.record("/km\(path) shows the English of \(key): \(sentence)")
                }
            }
        }
    }
}

/// Dates and times in the reader's language and the election's local time.
@Suite struct MomentTests {
    @Test func aMomentIsInLocalTimeAndTheReadersDigits() {
        // 2023-07-23T08:00:00Z is 15:00 in Cambodia (UTC+7), when the polls close.
        let instant = Date(timeIntervalSince1970: 1_690_099_200)
        #expect(Language.english.moment(instant, utcOffsetMinutes: 420) == "23 July 2023, 15:00:00 (UTC+7)")
        #expect(Language.khmer.moment(instant, utcOffsetMinutes: 420) == "២៣ កក្កដា ២០២៣, ១៥:០០:០០ (UTC+៧)")
        // Past midnight locally, the local day is the next one; a negative offset with minutes.
        #expect(Language.english.moment(Date(timeIntervalSince1970: 1_690_135_200), utcOffsetMinutes: 420) == "24 July 2023, 01:00:00 (UTC+7)")
        #expect(Language.english.moment(instant, utcOffsetMinutes: -210) == "23 July 2023, 04:30:00 (UTC−3:30)")
    }
}
