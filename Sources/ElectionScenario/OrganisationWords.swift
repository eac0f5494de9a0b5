import ElectionCore

/// Words the scenario makes organisations' and outlets' names from, in English and Khmer (in
/// Khmer the kind of body comes first: បណ្តាញ + ឯករាជ្យ + ដើម្បីការបោះឆ្នោតសេរី).
enum OrganisationWords {
    static let observers: (first: [(String, String)], second: [(String, String)], third: [(String, String)]) = (
        [("Neutral", "អព្យាក្រឹត"), ("Independent", "ឯករាជ្យ"), ("Cambodian", "កម្ពុជា"), ("Khmer", "ខ្មែរ"), ("Youth", "យុវជន"),
         ("Women's", "ស្ត្រី"), ("Citizens'", "ពលរដ្ឋ"), ("Democratic", "ប្រជាធិបតេយ្យ"), ("National", "ជាតិ"), ("Community", "សហគមន៍")],
        [("Network", "បណ្តាញ"), ("Committee", "គណៈកម្មាធិការ"), ("Coalition", "សម្ព័ន្ធ"), ("Alliance", "សម្ព័ន្ធភាព"),
         ("Association", "សមាគម"), ("Forum", "វេទិកា"), ("Council", "ក្រុមប្រឹក្សា"), ("Movement", "ចលនា"), ("Centre", "មជ្ឈមណ្ឌល"),
         ("Union", "សហភាព")],
        [("for Free Elections", "ដើម្បីការបោះឆ្នោតសេរី"), ("for Election Monitoring", "ដើម្បីការឃ្លាំមើលការបោះឆ្នោត"),
         ("for Democracy", "ដើម្បីប្រជាធិបតេយ្យ"), ("for Transparent Elections", "ដើម្បីការបោះឆ្នោតប្រកបដោយតម្លាភាព"),
         ("of Election Observers", "នៃអ្នកសង្កេតការណ៍ការបោះឆ្នោត"), ("for Civic Education", "ដើម្បីការអប់រំពលរដ្ឋ"),
         ("for Voters' Rights", "ដើម្បីសិទ្ធិអ្នកបោះឆ្នោត")]
    )

    static let outlets: (first: [(String, String)], second: [(String, String)], third: [(String, String)]) = (
        [("Angkor", "អង្គរ"), ("Mekong", "មេគង្គ"), ("Tonle Sap", "ទន្លេសាប"), ("Bayon", "បាយ័ន"), ("Kampuchea", "កម្ពុជា"),
         ("Apsara", "អប្សរា"), ("Lotus", "ឈូក"), ("Naga", "នាគ"), ("Kirirom", "គិរីរម្យ"), ("Bokor", "បូកគោ"), ("Sunrise", "អរុណរះ"),
         ("Dangrek", "ដងរែក"), ("Cardamom", "ក្រវាញ"), ("Preah Vihear", "ព្រះវិហារ"), ("Sovannaphum", "សុវណ្ណភូមិ"),
         ("Kampot", "កំពត"), ("Tonle Bassac", "ទន្លេបាសាក់"), ("Phnom", "ភ្នំ"), ("Koh Kong", "កោះកុង"), ("Chaktomuk", "ចតុមុខ"),
         ("Khmer", "ខ្មែរ"), ("Banteay", "បន្ទាយ")],
        [("Daily", "ប្រចាំថ្ងៃ"), ("Times", "សម័យ"), ("Post", "ប៉ុស្តិ៍"), ("Radio", "វិទ្យុ"), ("Television", "ទូរទស្សន៍"),
         ("News", "ព័ត៌មាន"), ("Online", "អនឡាញ"), ("Weekly", "ប្រចាំសប្តាហ៍")],
        [("", "")]
    )

    /// The regions of the international missions' forums, with the nationalities of their observers.
    static let regions: [(english: String, khmer: String, nationalities: [String])] = [
        ("Asia-Pacific", "អាស៊ីប៉ាស៊ីហ្វិក", ["AUS", "NZL", "JPN", "KOR", "PHL"]),
        ("Southeast Asian", "អាស៊ីអាគ្នេយ៍", ["THA", "VNM", "LAO", "MYS", "IDN", "SGP"]),
        ("International", "អន្តរជាតិ", ["IND", "LKA", "NPL", "BGD", "PAK"]),
        ("Pacific", "ប៉ាស៊ីហ្វិក", ["FJI", "PNG", "WSM", "TON"]),
        ("Eurasian", "អឺរ៉ាស៊ី", ["RUS", "BLR", "KAZ", "UZB"]),
        ("Indo-Pacific", "ឥណ្ឌូប៉ាស៊ីហ្វិក", ["IND", "MMR", "CHN", "MNG"]),
    ]
}

/// Foreign names with their Khmer spellings, for international observers' badges.
enum ForeignNames {
    static let given: [(latin: String, khmer: String, sex: Sex)] = [
        ("Kenji", "កេនជី", .male), ("Yuki", "យូគី", .female), ("Somchai", "សមឆាយ", .male), ("Arisa", "អារីសា", .female),
        ("Minh", "មិញ", .male), ("Lan", "ឡាន", .female), ("Budi", "ប៊ូឌី", .male), ("Siti", "ស៊ីទី", .female),
        ("Ahmad", "អាហ្មាត់", .male), ("Maria", "ម៉ារីយ៉ា", .female), ("Jose", "ហូសេ", .male), ("Anna", "អាណា", .female),
        ("Ivan", "អ៊ីវ៉ាន", .male), ("Olga", "អុលហ្គា", .female), ("Wei", "វៃ", .male), ("Mei", "ម៉ី", .female),
        ("Ravi", "រ៉ាវី", .male), ("Priya", "ព្រីយ៉ា", .female), ("Tenzin", "តេនស៊ីន", .male), ("Aung", "អោង", .male),
    ]
    static let family: [(latin: String, khmer: String)] = [
        ("Sato", "សាតូ"), ("Tanaka", "តាណាកា"), ("Suzuki", "ស៊ូស៊ូគី"), ("Nguyen", "ង្វៀន"), ("Tran", "ត្រាន់"), ("Wong", "វ៉ុង"),
        ("Lim", "លីម"), ("Santos", "សាន់តូស"), ("Reyes", "រេយេស"), ("Rahman", "រ៉ាម៉ាន់"), ("Ivanova", "អ៊ីវ៉ាណូវ៉ា"),
        ("Petrov", "ពេត្រូវ"), ("Kim", "គីម"), ("Park", "ប៉ាក"), ("Singh", "ស៊ីង"), ("Sharma", "សាម៉ា"), ("Dorji", "ដូជី"),
        ("Win", "វីន"), ("Chen", "ចិន"), ("Smith", "ស្មីត"),
    ]
    /// The demo mission's members.
    static let demoMembers: [String: (khmer: String, sex: Sex, nationality: String)] = [
        "Amara Wijesinghe": ("អាម៉ារ៉ា វិជេស៊ីង", .female, "LKA"), "Farid Rahman": ("ហ្វារីដ រ៉ាម៉ាន់", .male, "BGD"),
        "Lin Mei": ("លីន ម៉ី", .female, "CHN"), "Nguyen Thanh Ha": ("ង្វៀន ថាញ់ ហា", .female, "VNM"),
        "Siti Rahayu": ("ស៊ីទី រ៉ាហាយូ", .female, "IDN"), "Tenzin Dorji": ("តេនស៊ីន ដូជី", .male, "BTN"),
        "Kenji Sato": ("កេនជី សាតូ", .male, "JPN"), "Maria Santos": ("ម៉ារីយ៉ា សាន់តូស", .female, "PHL"),
    ]
}
