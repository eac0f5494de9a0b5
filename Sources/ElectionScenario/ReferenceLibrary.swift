import ElectionCore
import ElectionStore
import Foundation

/// The scenario's library: short texts of its own in the spirit of the NEC's (the real law and
/// regulations are longer and are not reproduced here), one of them in two versions so that its
/// history shows.
public enum ReferenceLibrary {
    /// Each document with the versions to publish in order.
    public static let documents: [(id: String, kind: LibraryDocument.Kind, versions: [DocumentVersion])] = [
        ("law-on-the-election-of-members-of-the-national-assembly", .law, [version(
            "Law on the Election of Members of the National Assembly (summary)",
            "ច្បាប់ស្តីពីការបោះឆ្នោតជ្រើសតាំងតំណាងរាស្ត្រ (សេចក្តីសង្ខេប)",
            """
            The National Assembly has 125 members, elected for five years in 25 constituencies, one for each province and the capital.
            Seats in each constituency go to the parties' lists by the highest average.
            Every Khmer citizen aged 18 or more on election day who is on the voter list may vote, once, in person, at the polling station of their list.
            """,
            """
            រដ្ឋសភាមានសមាជិក ១២៥ រូប ដែលត្រូវបានបោះឆ្នោតជ្រើសតាំងសម្រាប់រយៈពេលប្រាំឆ្នាំ ក្នុងមណ្ឌលបោះឆ្នោតចំនួន ២៥ គឺមួយសម្រាប់ខេត្តនីមួយៗ និងរាជធានី។
            អាសនៈក្នុងមណ្ឌលនីមួយៗត្រូវបែងចែកឱ្យបញ្ជីបេក្ខជនរបស់គណបក្សតាមវិធីមធ្យមភាគខ្ពស់បំផុត។
            ពលរដ្ឋខ្មែរគ្រប់រូបដែលមានអាយុ ១៨ ឆ្នាំឡើងនៅថ្ងៃបោះឆ្នោត ហើយមានឈ្មោះក្នុងបញ្ជីបោះឆ្នោត អាចបោះឆ្នោតបានម្តង ដោយផ្ទាល់ នៅការិយាល័យបោះឆ្នោតនៃបញ្ជីរបស់ខ្លួន។
            """, dated: (2023, 2, 1))]),
        ("polling-station-manual", .manual, [
            version(
                "Manual for polling station commissions (summary)", "សៀវភៅណែនាំសម្រាប់គណៈកម្មការការិយាល័យបោះឆ្នោត (សេចក្តីសង្ខេប)",
                """
                Open the station at 07:00 after showing the empty ballot box to those present.
                Check each voter's name on the list and their finger for ink before giving a ballot paper.
                Report the opening, turnout at 09:00, 12:00 and 15:00, and the closing from the station's phone.
                """,
                """
                បើកការិយាល័យនៅម៉ោង ០៧:០០ បន្ទាប់ពីបង្ហាញហិបឆ្នោតទទេដល់អ្នកមានវត្តមាន។
                ពិនិត្យឈ្មោះអ្នកបោះឆ្នោតក្នុងបញ្ជី និងម្រាមដៃរបស់គាត់ថាមានទឹកខ្មៅឬទេ មុនផ្តល់សន្លឹកឆ្នោត។
                រាយការណ៍ការបើក ចំនួនអ្នកទៅបោះឆ្នោតនៅម៉ោង ០៩:០០ ១២:០០ និង ១៥:០០ និងការបិទ តាមទូរសព្ទរបស់ការិយាល័យ។
                """, dated: (2023, 5, 2)),
            version(
                "Manual for polling station commissions (summary)", "សៀវភៅណែនាំសម្រាប់គណៈកម្មការការិយាល័យបោះឆ្នោត (សេចក្តីសង្ខេប)",
                """
                Open the station at 07:00 after showing the empty ballot box to those present.
                Check each voter's name on the list and their finger for ink before giving a ballot paper.
                Report the opening, turnout at 09:00, 12:00 and 15:00, and the closing from the station's phone.
                Voters in line at 15:00 may still vote: count them in the closing report.
                """,
                """
                បើកការិយាល័យនៅម៉ោង ០៧:០០ បន្ទាប់ពីបង្ហាញហិបឆ្នោតទទេដល់អ្នកមានវត្តមាន។
                ពិនិត្យឈ្មោះអ្នកបោះឆ្នោតក្នុងបញ្ជី និងម្រាមដៃរបស់គាត់ថាមានទឹកខ្មៅឬទេ មុនផ្តល់សន្លឹកឆ្នោត។
                រាយការណ៍ការបើក ចំនួនអ្នកទៅបោះឆ្នោតនៅម៉ោង ០៩:០០ ១២:០០ និង ១៥:០០ និងការបិទ តាមទូរសព្ទរបស់ការិយាល័យ។
                អ្នកដែលនៅតម្រង់ជួរនៅម៉ោង ១៥:០០ នៅតែអាចបោះឆ្នោតបាន៖ សូមរាប់ពួកគេក្នុងរបាយការណ៍បិទ។
                """, dated: (2023, 6, 20), note: "Voters in line at closing."),
        ]),
        ("polling-hours-2023", .notice, [version(
            "Polling hours on 23 July 2023", "ម៉ោងបោះឆ្នោតនៅថ្ងៃទី២៣ ខែកក្កដា ឆ្នាំ២០២៣",
            "Polling stations open at 07:00 and close at 15:00. Bring your identity card.",
            "ការិយាល័យបោះឆ្នោតបើកនៅម៉ោង ០៧:០០ និងបិទនៅម៉ោង ១៥:០០។ សូមយកអត្តសញ្ញាណប័ណ្ណមកជាមួយ។",
            dated: (2023, 7, 10))]),
        ("voter-lists-displayed", .news, [version(
            "Voter lists are displayed at commune offices", "បញ្ជីបោះឆ្នោតត្រូវបានបិទផ្សាយនៅសាលាឃុំ សង្កាត់",
            "Check your name on the list at your commune office, or with the registration check on this site.",
            "សូមពិនិត្យឈ្មោះរបស់អ្នកក្នុងបញ្ជីនៅសាលាឃុំ សង្កាត់ ឬតាមការពិនិត្យការចុះឈ្មោះនៅលើគេហទំព័រនេះ។",
            dated: (2023, 6, 1))]),
    ]

    private static func version(
        _ titleEnglish: String, _ titleKhmer: String, _ textEnglish: String, _ textKhmer: String, dated: (Int, Int, Int), note: String = ""
    ) -> DocumentVersion {
        let day = CalendarDate(year: dated.0, month: dated.1, day: dated.2)!
        return DocumentVersion(
            number: 0, titleEnglish: titleEnglish, titleKhmer: titleKhmer, textEnglish: textEnglish, textKhmer: textKhmer, dated: day,
            note: note, publishedAt: Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch * 86_400 + 3 * 3_600)))
    }
}

extension CambodiaScenario {
    /// What the scenario keeps beside the election as defined: the police posted at each station
    /// and the library's documents (every version, in order).
    public func loadPoliceAndLibrary(into store: any ElectionDayStore & LibraryStore, at instant: Date) async throws {
        try await store.assignPolice(policeAssignment(), by: nil, at: instant)
        for document in ReferenceLibrary.documents {
            for version in document.versions { _ = try await store.publishDocument(document.id, kind: document.kind, version, by: nil) }
        }
    }
}
