import Testing
import ElectionCore

/// Builds a string from explicit code points, so a test does not depend on how an editor stored
/// a Khmer literal.
private func scalars(_ values: UInt32...) -> String {
    String(String.UnicodeScalarView(values.map { Unicode.Scalar($0)! }))
}

@Suite("NameKey")
struct NameKeyTests {
    @Test("Zero-width and other invisible characters are ignored")
    func invisibleCharactersAreIgnored() {
        // សុខ ដារ៉ា (Sok Dara)
        let plain = scalars(0x179F, 0x17BB, 0x1781, 0x20, 0x178A, 0x17B6, 0x179A, 0x17C9, 0x17B6)
        let withInvisibles = scalars(
            0x200B, 0x179F, 0x17BB, 0x200B, 0x1781, 0x200C, 0x20, 0x178A, 0x2060, 0x17B6,
            0x179A, 0x200D, 0x17C9, 0x17B6, 0xFEFF, 0x00AD, 0x17B4)
        #expect(withInvisibles != plain)
        #expect(!NameKey.of(plain).isEmpty)
        #expect(NameKey.of(withInvisibles) == NameKey.of(plain))
    }

    @Test("COENG DA spelling of Kandal matches the COENG TA spelling")
    func coengDaMatchesCoengTa() {
        let withTa = scalars(0x1780, 0x178E, 0x17D2, 0x178F, 0x17B6, 0x179B)  // កណ្តាល
        let withDa = scalars(0x1780, 0x178E, 0x17D2, 0x178A, 0x17B6, 0x179B)  // កណ្ដាល
        #expect(withTa != withDa)
        #expect(NameKey.of(withDa) == NameKey.of(withTa))
        // Plain DA and plain TA look different and stay different.
        #expect(NameKey.of(scalars(0x178A, 0x17B6)) != NameKey.of(scalars(0x178F, 0x17B6)))
    }

    @Test("E followed by II, typed as two code points, matches OE")
    func eAndIiMatchOe() {
        // ចម្រើន (Chamroeun) with OE, with E + II, and with II typed before E.
        let oe = scalars(0x1785, 0x1798, 0x17D2, 0x179A, 0x17BE, 0x1793)
        let eThenIi = scalars(0x1785, 0x1798, 0x17D2, 0x179A, 0x17C1, 0x17B8, 0x1793)
        let iiThenE = scalars(0x1785, 0x1798, 0x17D2, 0x179A, 0x17B8, 0x17C1, 0x1793)
        #expect(NameKey.of(eThenIi) == NameKey.of(oe))
        #expect(NameKey.of(iiThenE) == NameKey.of(oe))
        // E alone is a different vowel.
        #expect(NameKey.of(scalars(0x1785, 0x1798, 0x17D2, 0x179A, 0x17C1, 0x1793)) != NameKey.of(oe))
    }

    @Test("E followed by AA matches OO")
    func eAndAaMatchOo() {
        let oo = scalars(0x17A0, 0x17C4)  // ហោ (Hor)
        #expect(NameKey.of(scalars(0x17A0, 0x17C1, 0x17B6)) == NameKey.of(oo))
        #expect(NameKey.of(scalars(0x17A0, 0x17B6, 0x17C1)) == NameKey.of(oo))
        #expect(NameKey.of(scalars(0x17A0, 0x17B6)) != NameKey.of(oo))
    }

    @Test("The same marks typed in another order give the same key")
    func marksInAnotherOrderMatch() {
        // ស៊ីន (Sin): TRIISAP then II, and II then TRIISAP.
        #expect(NameKey.of(scalars(0x179F, 0x17B8, 0x17CA, 0x1793))
            == NameKey.of(scalars(0x179F, 0x17CA, 0x17B8, 0x1793)))
        // តាំង (Taing): AA then NIKAHIT, and NIKAHIT then AA.
        #expect(NameKey.of(scalars(0x178F, 0x17C6, 0x17B6, 0x1784))
            == NameKey.of(scalars(0x178F, 0x17B6, 0x17C6, 0x1784)))
        // ស្ត្រី: subscript RO is drawn on the left whichever subscript is typed first.
        #expect(NameKey.of(scalars(0x179F, 0x17D2, 0x179A, 0x17D2, 0x178F, 0x17B8))
            == NameKey.of(scalars(0x179F, 0x17D2, 0x178F, 0x17D2, 0x179A, 0x17B8)))
        // ស្រីមុំ (Sreymom): NIKAHIT typed before U.
        #expect(NameKey.of(scalars(0x179F, 0x17D2, 0x179A, 0x17B8, 0x1798, 0x17C6, 0x17BB))
            == NameKey.of(scalars(0x179F, 0x17D2, 0x179A, 0x17B8, 0x1798, 0x17BB, 0x17C6)))
        // Under II the shifter is drawn like vowel U, so U typed instead of TRIISAP matches.
        #expect(NameKey.of(scalars(0x179F, 0x17BB, 0x17B8, 0x1793))
            == NameKey.of(scalars(0x179F, 0x17CA, 0x17B8, 0x1793)))
    }

    @Test("U is not taken for a shifter when no vowel is drawn above")
    func uWithoutAboveVowelStaysU() {
        // ប៊ុន (Bun) has both TRIISAP and U; បុន has U only and looks different.
        #expect(NameKey.of(scalars(0x1794, 0x17CA, 0x17BB, 0x1793))
            != NameKey.of(scalars(0x1794, 0x17BB, 0x1793)))
        // មុក (U) and ម៉ក (MUUSIKATOAN) look different: the shifter is only lowered under an
        // above vowel.
        #expect(NameKey.of(scalars(0x1798, 0x17BB, 0x1780))
            != NameKey.of(scalars(0x1798, 0x17C9, 0x1780)))
    }

    @Test("Latin case, spacing, punctuation and diacritic variants match", arguments: [
        "SOK DARA", "sok  dara", "sok-dara", "Sok\u{00A0}Dara", " Sok Dara ", "Sók Dàra", "Sok.Dara",
        "sok'dara", "Sok\u{2019}Dara", "SokDara", "Sok\tDara",
    ])
    func latinVariantsMatch(variant: String) {
        #expect(NameKey.of(variant) == NameKey.of("Sok Dara"))
        #expect(NameKey.of(variant) == "sokdara")
    }

    @Test("Different names do not match", arguments: [
        ("សុខ ដារ៉ា", "សុខ ដារ"),   // partial given name
        ("សុខ ដារ៉ា", "សុខ"),       // family name only
        ("ដារ៉ា", "ដារា"),          // MUUSIKATOAN matters
        ("ភក្តី", "ភកតី"),           // subscript TA vs full TA
        ("សំ", "សាំ"),               // NIKAHIT vs AA + NIKAHIT
        ("ហ៊ុន", "ហុន"),             // shifter with U below
        ("Sok Dara", "Sok Dary"),
        ("Sok Dara", "Sok Dar"),
        ("Sok Dara", "Dara Sok"),   // word order matters
        ("Chan Dara", "Chan Darra"),
    ])
    func differentNamesDoNotMatch(first: String, second: String) {
        #expect(NameKey.of(first) != NameKey.of(second))
    }

    @Test("The key of a key is the key", arguments: [
        "Sok Dara", "Đặng Ngọc Ánh", "សុខ ដារ៉ា", "កណ្ដាល", "ចម្រេីន", "ស្រ្តី", "សុី", "ស\u{200B}ុខ",
        "ហាេ", "O\u{2019}Neill", "ស៊ីន Sin",
    ])
    func keyIsStable(name: String) {
        let key = NameKey.of(name)
        #expect(!key.isEmpty)
        #expect(NameKey.of(key) == key)
    }

    @Test("A name of only spaces and invisible characters has an empty key")
    func onlySeparatorsGiveEmptyKey() {
        #expect(NameKey.of("") == "")
        #expect(NameKey.of(" \u{200B} \u{FEFF}\u{17B4} - ") == "")
        #expect(NameKey.of(" a ") == "a")
    }
}
