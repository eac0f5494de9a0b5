import Foundation

/// The form of a person's name used to compare names typed by the public with names on the register.
///
/// The key is for equality comparison only; it is not meant to be displayed. It is built in steps:
///
/// 1. Invisible and separating characters are dropped: every format character (general category
///    Cf: ZERO WIDTH SPACE, ZWNJ, ZWJ, WORD JOINER, BOM, SOFT HYPHEN, bidi marks, ...), COMBINING
///    GRAPHEME JOINER, the Khmer inherent vowels U+17B4/U+17B5, all white space, hyphens and
///    dashes, full stops and middle dots, and apostrophes (straight, curly, modifier letter, grave,
///    acute). So "Sok Dara", "SOK  DARA", "sok-dara" and "Sok Dara" with a zero-width space all
///    give the same key.
/// 2. Unicode NFC.
/// 3. Text outside the Khmer blocks is case- and diacritic-folded ("Đặng" -> "đang", "ß" -> "ss"),
///    and non-Khmer combining marks still left are dropped: nonspacing and enclosing ones, and
///    spacing ones with no non-Khmer letter to sit on. Khmer text is never passed to the
///    folding, because Khmer vowel signs are combining marks.
/// 4. Khmer text is split into orthographic clusters (a consonant or independent vowel and the
///    marks that follow it) and every cluster is rewritten into one spelling, following SIL's
///    `khnormal` (Khmer Character Specification) where it applies:
///    - Spellings that render identically are merged:
///      - COENG DA (U+17D2 U+178A) -> COENG TA (U+17D2 U+178F): the subscript forms of DA and TA
///        are the same glyph (the Kandal / Oddar Meanchey case, "កណ្ដាល" vs "កណ្តាល").
///      - E (U+17C1) + II (U+17B8) -> OE (U+17BE): OE is drawn as E's prefix plus II's top.
///      - E (U+17C1) + AA (U+17B6) -> OO (U+17C4): OO is drawn as E's prefix plus AA.
///        These two apply to the vowels of a cluster in any typed order, since E is always drawn
///        before the consonant and II/AA after it or above it.
///      - Deprecated U+17A3 -> U+17A2 and U+17A4 -> U+17A2 U+17B6 (Unicode says they look the same
///        and should not be used).
///      - With a vowel or sign drawn above the consonant (I, II, Y, YY, OE, YA:
///        U+17B7-U+17BA, U+17BE, U+17BF, SAMYOK SANNYA U+17D0, ATTHACAN U+17DD, or AA+NIKAHIT),
///        both register shifters MUUSIKATOAN U+17C9 and TRIISAP U+17CA are drawn below the
///        consonant with the same u-shaped glyph as vowel U (U+17BB), so "ស៊ី", "ស៉ី" and "សុី"
///        look alike. All three become one shifter, chosen by the consonant (U+17C9 for
///        ង ញ ន ប ម យ រ ល វ, U+17CA otherwise). (`khnormal` maps U only, to the shifter of the
///        consonant's series; merging the two shifters here goes one step further.)
///      - A COENG not followed by a consonant draws nothing and is dropped; repeated COENGs
///        collapse to one.
///    - The marks of a cluster are put in one order, so the same marks typed in another order
///      give the same key. The order is the one `khnormal` and Unicode recommend for storage:
///      base; ROBAT U+17CC; COENG+consonant pairs in typed order, except that COENG RO pairs go
///      after the others (subscript RO is drawn to the left of the consonant whatever its
///      position, so "ស្ត្រី" and "ស្រ្តី" look alike); register shifters U+17C9/U+17CA; vowels,
///      prefix ones first (U+17BE-U+17C5), then below (U+17BB-U+17BD), then above (U+17B7-U+17BA),
///      then AA (U+17B6); signs above: NIKAHIT U+17C6, BANTOC U+17CB, U+17CD-U+17D1, U+17D3,
///      U+17DD; finally REAHMUK U+17C7 and YUUKALEAPINTU U+17C8. Within one group the marks are
///      ordered by code point.
///
/// The key of a key is the key itself. A name containing any letter has a non-empty key; a
/// name made only of spaces, punctuation removed by step 1 or format characters has the key "".
public enum NameKey {
    /// Returns the comparison key of `name`: two names that a reader would see as the same give the same key.
    public static func of(_ name: String) -> String {
        var kept: [Unicode.Scalar] = []
        kept.reserveCapacity(name.utf8.count)
        var asciiOnly = true
        // Khmer has no canonical decompositions, and among its marks only COENG and ATTHACAN
        // (U+17DD) have a combining class NFC could reorder: text of Khmer letters and ASCII without
        // ATTHACAN is already in NFC, which saves most of the time on a register of Khmer names.
        var alreadyNFC = true
        for s in name.unicodeScalars where !isDropped(s) {
            kept.append(s)
            if s.value >= 0x80 {
                asciiOnly = false
                if !(0x1780...0x17FF).contains(s.value) || s.value == 0x17DD { alreadyNFC = false }
            }
        }
        if kept.isEmpty { return "" }
        if asciiOnly { return String(String.UnicodeScalarView(kept)).lowercased() }

        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(kept.count + 1)
        if alreadyNFC {
            // Khmer and ASCII only: nothing to compose or fold but ASCII capitals.
            for s in kept {
                switch s.value {
                case 0x41...0x5A: scalars.append(Unicode.Scalar(s.value + 0x20)!)
                case 0x17A3: scalars.append("\u{17A2}")
                case 0x17A4: scalars.append(contentsOf: ["\u{17A2}", "\u{17B6}"])
                default: scalars.append(s)
                }
            }
        } else {
            foldRuns(of: String(String.UnicodeScalarView(kept)).precomposedStringWithCanonicalMapping, into: &scalars)
        }

        var out: [UInt8] = []
        out.reserveCapacity(scalars.count * 3)
        var cluster = Cluster()
        var pendingCoeng = false
        for s in scalars {
            let v = s.value
            if pendingCoeng {
                pendingCoeng = false
                if isLetter(v) {
                    cluster.coengs.append(v == 0x178A ? 0x178F : v)
                    continue
                }
                // A COENG with no consonant after it is dropped; `s` is handled below.
            }
            if v == 0x17D2 {
                pendingCoeng = true
                cluster.active = true
            } else if isLetter(v) {
                cluster.flush(into: &out)
                cluster.base = v
                cluster.active = true
            } else if isMark(v) {
                cluster.marks.append(v)
                cluster.active = true
            } else {
                cluster.flush(into: &out)
                appendUTF8(v, to: &out)
            }
        }
        cluster.flush(into: &out)
        let key = String(decoding: out, as: UTF8.self)
        // Dropping a lone COENG can bring two non-Khmer characters together that NFC composes.
        return alreadyNFC ? key : key.precomposedStringWithCanonicalMapping
    }

    /// NFC text with its non-Khmer runs folded (case, diacritics) and its Khmer scalars kept, in order.
    private static func foldRuns(of nfc: String, into scalars: inout [Unicode.Scalar]) {
        var run = String.UnicodeScalarView()
        var runASCII = true
        func flushRun() {
            if run.isEmpty { return }
            let text = String(run)
            let folded = runASCII
                ? text.lowercased()
                : text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                    .precomposedStringWithCanonicalMapping
            // Marks the folding left are dropped: nonspacing and enclosing ones always (folding
            // takes away one of several, e.g. U+0489 after U+FFFD, and the next folding another,
            // so the key of a key was not the key: found by `bench/fuzz`), spacing ones when they
            // have no letter of their own to sit on (at the start of the run, i.e. after Khmer),
            // and any that NFC would reorder against COENG (non-zero combining class).
            var atStart = true
            for s in folded.unicodeScalars where !isDropped(s) {
                let p = s.properties
                if p.canonicalCombiningClass.rawValue != 0 { continue }
                switch p.generalCategory {
                case .nonspacingMark, .enclosingMark: continue
                case .spacingMark where atStart: continue
                default: atStart = false
                }
                scalars.append(s)
            }
            run = String.UnicodeScalarView()
            runASCII = true
        }
        for s in nfc.unicodeScalars {
            if isKhmer(s.value) {
                flushRun()
                switch s.value {
                case 0x17A3:
                    scalars.append("\u{17A2}")
                case 0x17A4:
                    scalars.append("\u{17A2}")
                    scalars.append("\u{17B6}")
                default: scalars.append(s)
                }
            } else {
                run.append(s)
                if s.value >= 0x80 { runASCII = false }
            }
        }
        flushRun()
    }

    /// Appends the UTF-8 bytes of the scalar `v`.
    private static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }


    /// Characters that do not count in a name: invisible format characters, Khmer inherent
    /// vowels, white space, hyphens, dots and apostrophes.
    private static func isDropped(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1780...0x17B3, 0x17B6...0x17FF:
            return false
        case 0x20, 0x09...0x0D, 0x27, 0x2D, 0x2E, 0x60:
            return true
        case 0x21...0x7E:
            return false
        case 0x00B4, 0x00B7, 0x02BC, 0x034F, 0x17B4, 0x17B5,
             0x2010...0x2015, 0x2018, 0x2019, 0x201B, 0x2024, 0x2032, 0x2212,
             0xFE63, 0xFF07, 0xFF0D, 0xFF0E:
            return true
        default:
            return s.properties.isWhitespace || s.properties.generalCategory == .format
        }
    }

    /// Khmer (U+1780-U+17FF) and Khmer Symbols (U+19E0-U+19FF).
    private static func isKhmer(_ v: UInt32) -> Bool {
        (0x1780...0x17FF).contains(v) || (0x19E0...0x19FF).contains(v)
    }

    /// Consonants and independent vowels: the letters that start a cluster, or follow a COENG.
    private static func isLetter(_ v: UInt32) -> Bool {
        (0x1780...0x17B3).contains(v)
    }

    /// Dependent vowels and signs that attach to the preceding letter (COENG excluded).
    private static func isMark(_ v: UInt32) -> Bool {
        (0x17B6...0x17D1).contains(v) || v == 0x17D3 || v == 0x17DD
    }

    /// Position of a mark in the canonical order of a cluster (COENG pairs sit between 0 and 2).
    private static func rank(_ v: UInt32) -> Int {
        switch v {
        case 0x17CC: return 0                  // ROBAT
        case 0x17C9, 0x17CA: return 2          // register shifters
        case 0x17BE...0x17C5: return 3         // vowels drawn before the consonant
        case 0x17BB...0x17BD: return 4         // vowels below
        case 0x17B7...0x17BA: return 5         // vowels above
        case 0x17B6: return 6                  // AA, after
        case 0x17C7, 0x17C8: return 8          // REAHMUK, YUUKALEAPINTU
        default: return 7                      // signs above: U+17C6, U+17CB, U+17CD-U+17D1, U+17D3, U+17DD
        }
    }

    /// One Khmer orthographic cluster being collected. `base` is nil for marks with no letter
    /// before them (at the start of the text or after a non-Khmer character).
    private struct Cluster {
        var active = false
        var base: UInt32?
        var coengs: [UInt32] = []   // the consonant of each COENG pair
        var marks: [UInt32] = []

        mutating func flush(into out: inout [UInt8]) {
            guard active else { return }
            defer {
                // Emptied keeping their storage: the next cluster reuses it.
                active = false
                base = nil
                coengs.removeAll(keepingCapacity: true)
                marks.removeAll(keepingCapacity: true)
            }

            composeVowels()
            lowerShifters()
            marks.sort { a, b in
                let ra = NameKey.rank(a), rb = NameKey.rank(b)
                return ra != rb ? ra < rb : a < b
            }

            if let base { NameKey.appendUTF8(base, to: &out) }
            var i = 0
            while i < marks.count && NameKey.rank(marks[i]) == 0 {
                NameKey.appendUTF8(marks[i], to: &out)
                i += 1
            }
            for c in coengs where c != 0x179A { appendCoeng(c, to: &out) }
            for c in coengs where c == 0x179A { appendCoeng(c, to: &out) }
            while i < marks.count {
                NameKey.appendUTF8(marks[i], to: &out)
                i += 1
            }
        }

        private func appendCoeng(_ c: UInt32, to out: inout [UInt8]) {
            NameKey.appendUTF8(0x17D2, to: &out)
            NameKey.appendUTF8(c, to: &out)
        }

        /// E + II -> OE and E + AA -> OO, whatever order the vowels were typed in.
        private mutating func composeVowels() {
            var e = 0, ii = 0, aa = 0
            for m in marks {
                switch m {
                case 0x17C1: e += 1
                case 0x17B8: ii += 1
                case 0x17B6: aa += 1
                default: break
                }
            }
            let oe = min(e, ii)
            let oo = min(e - oe, aa)
            if oe == 0 && oo == 0 { return }
            var dropE = oe + oo, dropII = oe, dropAA = oo
            var result: [UInt32] = []
            result.reserveCapacity(marks.count)
            for m in marks {
                if m == 0x17C1 && dropE > 0 { dropE -= 1; continue }
                if m == 0x17B8 && dropII > 0 { dropII -= 1; continue }
                if m == 0x17B6 && dropAA > 0 { dropAA -= 1; continue }
                result.append(m)
            }
            result.append(contentsOf: repeatElement(0x17BE, count: oe))
            result.append(contentsOf: repeatElement(0x17C4, count: oo))
            marks = result
        }

        /// Under an above vowel or sign, U, MUUSIKATOAN and TRIISAP are all drawn as the same
        /// mark below the consonant: map them to one shifter.
        private mutating func lowerShifters() {
            var above = false, hasAA = false, hasNikahit = false, lowered = false
            for m in marks {
                switch m {
                case 0x17B7...0x17BA, 0x17BE, 0x17BF, 0x17D0, 0x17DD: above = true
                case 0x17B6: hasAA = true
                case 0x17C6: hasNikahit = true
                case 0x17BB, 0x17C9, 0x17CA: lowered = true
                default: break
                }
            }
            guard lowered && (above || (hasAA && hasNikahit)) else { return }
            let shifter: UInt32
            switch base {
            case 0x1784, 0x1789, 0x1793, 0x1794, 0x1798, 0x1799, 0x179A, 0x179B, 0x179C:
                shifter = 0x17C9   // consonants written with MUUSIKATOAN (and BA, which takes both)
            default:
                shifter = 0x17CA
            }
            for i in marks.indices where marks[i] == 0x17BB || marks[i] == 0x17C9 || marks[i] == 0x17CA {
                marks[i] = shifter
            }
        }
    }
}
