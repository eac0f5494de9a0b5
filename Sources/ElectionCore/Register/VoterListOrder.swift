/// The order of a printed voter list: by Khmer name as a Khmer reader looks names up, then by
/// Latin name, then by voter number so that the order is total.
///
/// Khmer names are compared on their ``NameKey`` (normalised, so the same name typed two ways
/// sorts in one place) scalar by scalar. The Unicode Khmer block lists the consonants in the
/// traditional order (ក ខ គ ឃ ង … អ), so names sort by consonant as in a dictionary; dependent
/// vowels and subscripts then follow their code points, which is close to, but not in every case
/// the same as, the order of the Chuon Nath dictionary.
public enum VoterListOrder {
    public static func sorted(_ voters: [Voter]) -> [Voter] {
        voters
            .map { (key: Array(NameKey.of($0.name.khmer).unicodeScalars.map(\.value)), latin: NameKey.of($0.name.latin), voter: $0) }
            .sorted { a, b in
                if a.key != b.key { return a.key.lexicographicallyPrecedes(b.key) }
                if a.latin != b.latin { return a.latin < b.latin }
                return a.voter.number < b.voter.number
            }
            .map(\.voter)
    }
}
