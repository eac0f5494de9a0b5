/// How a person's name must be written wherever one is taken in (the register, accreditation
/// files): the Khmer name in Khmer script, the Latin one in Latin letters, and neither starting as
/// a spreadsheet formula would, since registers and rejects files are opened in spreadsheets.
public enum NameScript {
    /// Whether `text` starts with `=`, `+`, `-`, `@`, a tab or a carriage return: a spreadsheet
    /// opening a file with such a cell runs it as a formula.
    public static func startsLikeFormula(_ text: some StringProtocol) -> Bool {
        guard let first = text.utf8.first else { return false }
        return first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D
    }

    /// Whether `name` is written in Khmer script: at least one Khmer letter, and besides Khmer
    /// letters and signs only spaces, full stops and zero-width spaces and joiners (no Latin
    /// letters, digits of other scripts or markup).
    public static func isKhmer(name: String) -> Bool {
        name.unicodeScalars.contains(where: isKhmer)
            && name.unicodeScalars.allSatisfy { isKhmer($0) || $0 == " " || $0 == "." || (0x200B...0x200D).contains($0.value) }
    }

    /// Whether `name` is written in Latin letters (accented ones too), with only spaces,
    /// apostrophes, hyphens and full stops between them.
    public static func isLatin(name: String) -> Bool {
        name.unicodeScalars.contains(where: isLatinLetter)
            && name.unicodeScalars.allSatisfy { isLatinLetter($0) || " '-.".unicodeScalars.contains($0) }
    }

    /// A letter or sign of the Khmer blocks.
    static func isKhmer(_ scalar: Unicode.Scalar) -> Bool {
        (0x1780...0x17FF).contains(scalar.value) || (0x19E0...0x19FF).contains(scalar.value)
    }

    /// A letter of the Latin script, accented ones included.
    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII without Unicode's property tables: nearly every Latin name on a register is ASCII,
        // and the look-up took a tenth of `sala import voters`' time (perf).
        let value = scalar.value
        if scalar.isASCII { return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
        return ((0x00C0...0x024F).contains(value) || (0x1E00...0x1EFF).contains(value)) && scalar.properties.isAlphabetic
    }
}
