import ElectionCore

/// The scenario's codes of conduct, one per category, version 1: short texts of its own in the
/// spirit of the NEC's (the real codes are longer and are not reproduced here).
enum CodesOfConduct {
    static let publishedOn = CalendarDate(year: 2023, month: 5, day: 15)!

    static let reference: [CodeOfConduct] = [
        CodeOfConduct(
            category: .nationalObserver, version: 1,
            titleEnglish: "Code of conduct for national observers", titleKhmer: "ក្រមសីលធម៌សម្រាប់អ្នកសង្កេតការណ៍ជាតិ",
            textEnglish: """
                1. Observe impartially and support no party or candidate.
                2. Do not interfere in voting, counting or the work of the commissions.
                3. Wear your badge at all times and show it when asked.
                4. Report what you see accurately, with facts, and through your organisation.
                5. Respect the secrecy of the vote and the law.
                """,
            textKhmer: """
                ១. សង្កេតដោយអព្យាក្រឹត និងមិនគាំទ្រគណបក្ស ឬបេក្ខជនណាមួយ។
                ២. មិនជ្រៀតជ្រែកក្នុងការបោះឆ្នោត ការរាប់សន្លឹកឆ្នោត ឬការងាររបស់គណៈកម្មការ។
                ៣. ពាក់ប័ណ្ណសម្គាល់គ្រប់ពេល និងបង្ហាញនៅពេលត្រូវបានស្នើសុំ។
                ៤. រាយការណ៍អ្វីដែលឃើញដោយត្រឹមត្រូវ ផ្អែកលើការពិត និងតាមរយៈអង្គការរបស់អ្នក។
                ៥. គោរពការសម្ងាត់នៃការបោះឆ្នោត និងច្បាប់។
                """,
            publishedOn: publishedOn),
        CodeOfConduct(
            category: .internationalObserver, version: 1,
            titleEnglish: "Code of conduct for international observers", titleKhmer: "ក្រមសីលធម៌សម្រាប់អ្នកសង្កេតការណ៍អន្តរជាតិ",
            textEnglish: """
                1. Respect the sovereignty of the Kingdom of Cambodia and its laws.
                2. Observe impartially and give no instructions to officials or voters.
                3. Wear your badge at all times and show it when asked.
                4. Base your findings on what you see and keep to the facts.
                5. Make no public statement on the results before the mission's own.
                """,
            textKhmer: """
                ១. គោរពអធិបតេយ្យភាពនៃព្រះរាជាណាចក្រកម្ពុជា និងច្បាប់របស់ខ្លួន។
                ២. សង្កេតដោយអព្យាក្រឹត និងមិនផ្តល់ការណែនាំដល់មន្ត្រី ឬអ្នកបោះឆ្នោត។
                ៣. ពាក់ប័ណ្ណសម្គាល់គ្រប់ពេល និងបង្ហាញនៅពេលត្រូវបានស្នើសុំ។
                ៤. ផ្អែកការរកឃើញលើអ្វីដែលបានឃើញ និងរក្សាតាមការពិត។
                ៥. មិនធ្វើសេចក្តីថ្លែងការណ៍ជាសាធារណៈអំពីលទ្ធផល មុនសេចក្តីថ្លែងការណ៍របស់បេសកកម្ម។
                """,
            publishedOn: publishedOn),
        CodeOfConduct(
            category: .journalist, version: 1,
            titleEnglish: "Code of conduct for journalists", titleKhmer: "ក្រមសីលធម៌សម្រាប់អ្នកសារព័ត៌មាន",
            textEnglish: """
                1. Report accurately and give each party a fair hearing.
                2. Do not film or photograph a voter's ballot, and do not hinder voting or counting.
                3. Wear your badge at all times inside polling stations and counting centres.
                4. Publish no result before the commissions announce it, unless you say it is partial.
                5. Respect the campaign silence day.
                """,
            textKhmer: """
                ១. រាយការណ៍ដោយត្រឹមត្រូវ និងផ្តល់ឱកាសស្មើគ្នាដល់គណបក្សនីមួយៗ។
                ២. មិនថតសន្លឹកឆ្នោតរបស់អ្នកបោះឆ្នោត និងមិនរារាំងការបោះឆ្នោត ឬការរាប់សន្លឹកឆ្នោត។
                ៣. ពាក់ប័ណ្ណសម្គាល់គ្រប់ពេលនៅក្នុងការិយាល័យបោះឆ្នោត និងមជ្ឈមណ្ឌលរាប់សន្លឹកឆ្នោត។
                ៤. មិនផ្សព្វផ្សាយលទ្ធផលមុនគណៈកម្មការប្រកាស លើកលែងតែបញ្ជាក់ថាជាលទ្ធផលមិនទាន់ពេញលេញ។
                ៥. គោរពថ្ងៃស្ងប់ស្ងាត់នៃយុទ្ធនាការ។
                """,
            publishedOn: publishedOn),
    ]
}
