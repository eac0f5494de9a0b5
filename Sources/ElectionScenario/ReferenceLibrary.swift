import ElectionCore
import ElectionStore
import Foundation

/// The scenario's library: short texts of its own in the spirit of the NEC's (the real law and
/// regulations are longer and are not reproduced here), one of them in two versions so that its
/// history shows; and the hotline's knowledge base, its questions and answers (kind `faq`).
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
        ("faq-where-do-i-vote", .faq, [version(
            "Where do I vote?", "តើខ្ញុំបោះឆ្នោតនៅឯណា?",
            "You vote at the polling station of the voter list your name is on. Find it with 'Check your registration' on this site, with your voter number or your name and date of birth, or call 1800 20 30 30.",
            "អ្នកបោះឆ្នោតនៅការិយាល័យបោះឆ្នោតនៃបញ្ជីដែលមានឈ្មោះរបស់អ្នក។ សូមស្វែងរកវាដោយ «ពិនិត្យឈ្មោះបោះឆ្នោត» នៅលើគេហទំព័រនេះ ដោយលេខអ្នកបោះឆ្នោត ឬឈ្មោះ និងថ្ងៃខែឆ្នាំកំណើតរបស់អ្នក ឬទូរស័ព្ទទៅ ១៨០០ ២០ ៣០ ៣០។",
            dated: (2023, 6, 1))]),
        ("faq-what-to-bring", .faq, [version(
            "What must I bring to vote?", "តើខ្ញុំត្រូវយកអ្វីទៅបោះឆ្នោត?",
            "Bring your Khmer identity card, or the identity document the NEC accepts for voting. The voter information slip helps the officials find your name but is not needed.",
            "សូមយកអត្តសញ្ញាណប័ណ្ណសញ្ជាតិខ្មែររបស់អ្នក ឬឯកសារបញ្ជាក់អត្តសញ្ញាណដែល គ.ជ.ប ទទួលស្គាល់សម្រាប់ការបោះឆ្នោត។ ប័ណ្ណព័ត៌មានអ្នកបោះឆ្នោតជួយមន្ត្រីរកឈ្មោះរបស់អ្នក ប៉ុន្តែមិនចាំបាច់ទេ។",
            dated: (2023, 6, 1))]),
        ("faq-polling-hours", .faq, [version(
            "When are polling stations open?", "តើការិយាល័យបោះឆ្នោតបើកនៅពេលណា?",
            "From 07:00 to 15:00 on election day. If you are in line at 15:00 you may still vote.",
            "ពីម៉ោង ០៧:០០ ដល់ ១៥:០០ នៅថ្ងៃបោះឆ្នោត។ ប្រសិនបើអ្នកកំពុងតម្រង់ជួរនៅម៉ោង ១៥:០០ អ្នកនៅតែអាចបោះឆ្នោតបាន។",
            dated: (2023, 7, 10))]),
        ("faq-name-not-on-list", .faq, [version(
            "My name is not on the list. What can I do?", "ឈ្មោះរបស់ខ្ញុំមិនមាននៅក្នុងបញ្ជីទេ។ តើខ្ញុំអាចធ្វើអ្វីបាន?",
            "Check again with 'Check your registration': you may be on the list of another station. If you registered and are on no list, lodge a complaint about the voter register: the commune commission decides within 5 days.",
            "សូមពិនិត្យម្តងទៀតដោយ «ពិនិត្យឈ្មោះបោះឆ្នោត»៖ អ្នកប្រហែលជានៅក្នុងបញ្ជីនៃការិយាល័យផ្សេង។ ប្រសិនបើអ្នកបានចុះឈ្មោះ ហើយមិនមាននៅក្នុងបញ្ជីណាមួយទេ សូមដាក់ពាក្យបណ្តឹងអំពីបញ្ជីបោះឆ្នោត៖ គណៈកម្មការឃុំសម្រេចក្នុងរយៈពេល ៥ ថ្ងៃ។",
            dated: (2023, 6, 1))]),
        ("faq-how-to-complain", .faq, [version(
            "How do I complain?", "តើខ្ញុំប្តឹងដោយរបៀបណា?",
            "Use the complaint form on this site, or call 1800 20 30 30 and the call-taker lodges it for you. Keep the reference you are given: with it you follow the complaint and, if you disagree with the decision, appeal within 3 days.",
            "សូមប្រើទម្រង់ពាក្យបណ្តឹងនៅលើគេហទំព័រនេះ ឬទូរស័ព្ទទៅ ១៨០០ ២០ ៣០ ៣០ ហើយបុគ្គលិកទទួលទូរស័ព្ទនឹងដាក់វាជំនួសអ្នក។ សូមរក្សាលេខយោងដែលអ្នកទទួលបាន៖ ជាមួយវា អ្នកតាមដានពាក្យបណ្តឹង ហើយប្រសិនបើអ្នកមិនយល់ស្របនឹងសេចក្តីសម្រេច អ្នកអាចប្តឹងឧទ្ធរណ៍ក្នុងរយៈពេល ៣ ថ្ងៃ។",
            dated: (2023, 6, 1))]),
        ("faq-help-to-vote", .faq, [version(
            "I cannot climb stairs or need help to vote. What can I do?", "ខ្ញុំមិនអាចឡើងជណ្តើរ ឬត្រូវការជំនួយដើម្បីបោះឆ្នោត។ តើខ្ញុំអាចធ្វើអ្វីបាន?",
            "The station finder shows which stations are step-free and which offer assistance. A voter who cannot mark the ballot alone may bring a person of their choice to help.",
            "កម្មវិធីស្វែងរកការិយាល័យបង្ហាញថាការិយាល័យណាគ្មានជណ្តើរ និងការិយាល័យណាផ្តល់ជំនួយ។ អ្នកបោះឆ្នោតដែលមិនអាចគូសសន្លឹកឆ្នោតដោយខ្លួនឯងបាន អាចនាំមនុស្សដែលខ្លួនជ្រើសរើសម្នាក់មកជួយ។",
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
