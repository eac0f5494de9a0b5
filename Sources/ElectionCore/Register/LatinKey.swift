import Foundation

/// A sound key of a name, the same for the name in Khmer script and for the usual ways of writing
/// it in Latin letters: "Sok Dara", "Sokh Darra" and សុខ ដារ៉ា all give `SKTR`.
///
/// Transliterations of Khmer differ mostly in vowels, in doubled letters and in how a consonant
/// is spelled ("Chhun"/"Chun", "Pich"/"Pech", "Sovann"/"Sovan", "Hor"/"Ho"), so the key keeps only
/// the consonants, each reduced to its class, word by word:
///
/// | class | Khmer | Latin |
/// |---|---|---|
/// | K | ក ខ គ ឃ, YUUKALEAPINTU ៈ | k, kh, g, gh, c, q |
/// | C | ច ឆ ជ ឈ | ch, chh, j, tch |
/// | T | ដ ឋ ឌ ឍ ត ថ ទ ធ | t, th, d, dh |
/// | N | ង ញ ណ ន ម, NIKAHIT ំ | n, ng, nh, ny, gn, m |
/// | P | ប ផ ព ភ | p, ph, b, bh, f |
/// | Y | យ at the start of a word | y at the start of a word |
/// | R | រ, ឫ ឬ | r |
/// | L | ល ឡ, ឭ ឮ | l |
/// | V | វ | v, w |
/// | S | ឝ ឞ ស | s, sh, x, z |
/// | H | ហ at the start of a word | h at the start of a word |
///
/// Vowels, អ, register shifters and other signs are left out. A word ending in R or V (a final
/// រ or វ with no vowel after it; a Latin word ending in r, v or w) loses it, because those
/// finals are silent or written as a vowel ("Hor" ហោ, "Keo" កែវ, "Pich" ពេជ្រ); so does a Khmer
/// word ending in a subscript consonant with no vowel after it, which is not pronounced ("Vong"
/// វង្ស, "Monyrath" មុន្នីរ័ត្ន). The same class twice in a row within a word counts once. Words are
/// joined, so "Sokdara" and "Sok Dara" agree; repeats across words are kept, so that a given name
/// alone ("Nara", NR) does not have the key of a full name (អៀង នរា "Ieng Nara", NNR).
///
/// The key is for finding candidates, not for deciding that two names are the same: many names
/// share a key, and ``NameMatch`` ranks them.
public enum LatinKey {
    /// The sound key of `name`, in either script; "" when it has no consonant.
    public static func of(_ name: String) -> String {
        var key: [UInt8] = []
        key.reserveCapacity(12)
        var word: [UInt8] = []
        var lastLetter: Character = " "
        // Whether the word's last consonant was written below another (after COENG) with no vowel after it.
        var endsInSilentSubscript = false
        func endWord() {
            if endsInSilentSubscript && word.count > 1 {
                word.removeLast()
            } else if let last = word.last, (last == R && lastLetter == "r") || (last == V && lastLetter == "v") {
                // A silent final R or V: the word's last letter was the consonant itself.
                word.removeLast()
            }
            endsInSilentSubscript = false
            var last: UInt8 = 0
            for c in word where c != last {
                key.append(c)
                last = c
            }
            word.removeAll(keepingCapacity: true)
            lastLetter = " "
        }

        let scalars = Array(name.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            let v = s.value
            let isKhmer = (0x1780...0x17FF).contains(v)
            if !isKhmer && (v == 0x20 || v == 0x2D || v == 0x200B || s.properties.isWhitespace) {
                endWord()
                i += 1
                continue
            }
            if isKhmer {
                let afterCoeng = i > 0 && scalars[i - 1].value == 0x17D2
                i += 1
                if v == 0x17D2 { continue }   // COENG: the consonant after it is read as a letter
                if let c = khmerClass(v) {
                    // H and Y count only at the start of a word, as in Latin spellings.
                    if !((c == H || c == Y) && !word.isEmpty) { word.append(c) }
                    lastLetter = c == R ? "r" : c == V ? "v" : "c"
                    endsInSilentSubscript = afterCoeng
                } else if v == 0x17C6 {
                    word.append(N)
                    lastLetter = "m"
                    endsInSilentSubscript = false
                } else if v == 0x17C8 {
                    word.append(K)   // YUUKALEAPINTU: a short vowel closed by a glottal stop, written "-ak"
                    lastLetter = "c"
                    endsInSilentSubscript = false
                } else if (0x17B6...0x17C5).contains(v) || (0x17A5...0x17B3).contains(v) || v == 0x17A2 {
                    lastLetter = "a"   // a vowel: a final R or V before it is pronounced
                    endsInSilentSubscript = false
                }
                continue
            }
            // Latin: fold case and accents, one letter at a time.
            let letter = latinLetter(s)
            guard let l = letter else { i += 1; continue }
            let next = i + 1 < scalars.count ? latinLetter(scalars[i + 1]) : nil
            let afterNext = i + 2 < scalars.count ? latinLetter(scalars[i + 2]) : nil
            var consumed = 1
            var cls: UInt8?
            switch l {
            case "a", "e", "i", "o", "u":
                lastLetter = "a"
                i += 1
                continue
            case "y":
                if word.isEmpty && lastLetter == " " {
                    cls = Y
                } else {
                    lastLetter = "a"   // a vowel after the first letter: "Ly", "Sreymom"
                    i += 1
                    continue
                }
            case "c":
                if next == "h" {
                    consumed = afterNext == "h" ? 3 : 2
                    cls = C
                } else {
                    cls = K
                }
            case "t":
                if next == "c" && afterNext == "h" { consumed = 3; cls = C } else {
                    if next == "h" { consumed = 2 }
                    cls = T
                }
            case "k", "g", "q":
                if next == "h" { consumed = 2 }
                if l == "g" && next == "n" { consumed = 2; cls = N } else { cls = K }
            case "d":
                if next == "h" { consumed = 2 }
                cls = T
            case "p", "b":
                if next == "h" { consumed = 2 }
                cls = P
            case "f": cls = P
            case "j": cls = C
            case "n":
                if next == "g" || next == "h" || next == "y" { consumed = 2 }
                cls = N
            case "m": cls = N
            case "s":
                if next == "h" { consumed = 2 }
                cls = S
            case "x", "z": cls = S
            case "h":
                if word.isEmpty && lastLetter == " " { cls = H } else { i += 1; continue }
            case "r": cls = R
            case "l": cls = L
            case "v", "w": cls = V
            default: break
            }
            if let cls {
                word.append(cls)
                lastLetter = cls == R ? "r" : cls == V ? "v" : "c"
            }
            i += consumed
        }
        endWord()
        return String(decoding: key, as: UTF8.self)
    }

    private static let K = UInt8(ascii: "K"), C = UInt8(ascii: "C"), T = UInt8(ascii: "T"), N = UInt8(ascii: "N")
    private static let P = UInt8(ascii: "P"), Y = UInt8(ascii: "Y"), R = UInt8(ascii: "R"), L = UInt8(ascii: "L")
    private static let V = UInt8(ascii: "V"), S = UInt8(ascii: "S"), H = UInt8(ascii: "H")

    /// The class of a Khmer consonant (or of the independent vowels read as R or L); nil for the rest.
    private static func khmerClass(_ v: UInt32) -> UInt8? {
        switch v {
        case 0x1780...0x1783: return K
        case 0x1784, 0x1789, 0x178E, 0x1793, 0x1798: return N
        case 0x1785...0x1788: return C
        case 0x178A...0x178D, 0x178F...0x1792: return T
        case 0x1794...0x1797: return P
        case 0x1799: return Y
        case 0x179A, 0x17AB, 0x17AC: return R
        case 0x179B, 0x17A1, 0x17AD, 0x17AE: return L
        case 0x179C: return V
        case 0x179D...0x179F: return S
        case 0x17A0: return H
        default: return nil
        }
    }

    /// A Latin letter as lower-case ASCII, accents removed; nil for anything else.
    private static func latinLetter(_ s: Unicode.Scalar) -> Character? {
        if s.isASCII {
            let c = Character(s).lowercased().first!
            return c.isLetter ? c : nil
        }
        guard s.properties.isAlphabetic else { return nil }
        let folded = String(s).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        guard let first = folded.unicodeScalars.first, first.isASCII, Character(first).isLetter else { return nil }
        return Character(first)
    }
}
