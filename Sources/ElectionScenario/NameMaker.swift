import ElectionCore

/// Makes plausible Cambodian names: family name first, then one given name, sometimes two.
struct NameMaker {
    func name(sex: Sex, using rng: inout SeededGenerator) -> PersonName {
        let family = KhmerNames.familyNames[Int(rng.next() % UInt64(KhmerNames.familyNames.count))]
        let givens = sex == .female ? KhmerNames.femaleGivenNames : KhmerNames.maleGivenNames
        let given = givens[Int(rng.next() % UInt64(givens.count))]
        if rng.next() % 4 == 0 {
            let second = givens[Int(rng.next() % UInt64(givens.count))]
            if second.latin != given.latin {
                return PersonName(
                    khmer: "\(family.khmer) \(given.khmer)\(second.khmer)",
                    latin: "\(family.latin) \(given.latin) \(second.latin)")
            }
        }
        return PersonName(khmer: "\(family.khmer) \(given.khmer)", latin: "\(family.latin) \(given.latin)")
    }
}
