import ElectionCore
import SQLKit

/// A change to stored data that needs Sala's own code, so it cannot be a migration (migrations are
/// plain SQL, so they keep their meaning whatever the code becomes). The migrator runs each step
/// once, after the migrations, in one transaction, and records it in `data_steps`. A step only
/// fills in what is missing, so it is harmless on data that needs nothing: a new database, or one
/// that an older Sala filled while migrating.
struct DataStep: Sendable {
    let name: String
    let run: @Sendable (any SQLTransaction) async throws -> Void
}

extension DataStep {
    /// Every step, in the order they run.
    static let all: [DataStep] = [voterNameKeys]

    /// Works out the name keys of voters stored before migration 008 added them (they hold `''`),
    /// a page at a time. Sala stores the keys with every voter since.
    static let voterNameKeys = DataStep(name: "voter_name_keys") { tx in
        var last = -1
        while true {
            let page = try await tx.sql.raw("""
                SELECT voter_number, name_km, name_latin FROM voters
                WHERE voter_number > \(bind: last) AND (name_key = '' OR latin_key = '' OR latin_name_key = '')
                ORDER BY voter_number LIMIT 10000
                """).all().map {
                (try $0.decode(column: "voter_number", as: Int.self), try $0.decode(column: "name_km", as: String.self),
                 try $0.decode(column: "name_latin", as: String.self))
            }
            guard let end = page.last else { return }
            // The keys as `RegisterEntry` works them out for every voter the store writes.
            for (number, khmer, latin) in page {
                try await tx.sql.raw("""
                    UPDATE voters SET name_key = \(bind: NameKey.of(khmer)), latin_key = \(bind: LatinKey.of(khmer)),
                        latin_name_key = \(bind: NameKey.of(latin))
                    WHERE voter_number = \(bind: number)
                    """).run()
            }
            last = end.0
        }
    }
}
