/// A QR Code (model 2, ISO/IEC 18004) holding bytes: the smallest version that fits at the chosen
/// error-correction level, with the mask of least penalty. Pure computation, so that printing a
/// badge needs no network and no system library.
///
/// The construction follows the standard step by step: data codewords (byte mode), Reed–Solomon
/// error correction per block, interleaving, placement in the zigzag, masking, format and version
/// information.
public struct QRCode: Sendable, Equatable {
    /// How much of the symbol may be damaged and still read: about 7, 15, 25 and 30 %.
    public enum Correction: Int, Sendable, CaseIterable {
        case low = 0, medium, quartile, high

        /// The two bits the format information gives the level.
        var formatBits: Int { [1, 0, 3, 2][rawValue] }
    }

    /// Why bytes cannot be made a QR Code.
    public enum EncodingError: Error, Equatable, Sendable {
        /// More bytes than version 40 holds at this level.
        case tooLong(bytes: Int, capacity: Int)
    }

    public let version: Int
    public let correction: Correction
    public let mask: Int
    /// Modules per side: 17 + 4 × version.
    public let size: Int
    /// Row by row, `true` for a dark module.
    public let modules: [[Bool]]

    /// The QR Code of `bytes`, in the smallest version from `minimumVersion` that holds them.
    public init(bytes: [UInt8], correction: Correction = .medium, minimumVersion: Int = 1) throws(EncodingError) {
        guard let version = (max(1, minimumVersion)...40).first(where: { Self.fits(bytes.count, version: $0, correction: correction) }) else {
            throw .tooLong(bytes: bytes.count, capacity: Self.capacity(version: 40, correction: correction))
        }
        self.init(bytes: bytes, version: version, correction: correction, mask: nil)
    }

    /// The QR Code of a text, as its UTF-8 bytes.
    public init(text: String, correction: Correction = .medium) throws(EncodingError) {
        try self.init(bytes: Array(text.utf8), correction: correction)
    }

    /// The symbol of `bytes` at exactly this version and, when given, this mask (0–7). The bytes
    /// must fit (``capacity(version:correction:)``).
    init(bytes: [UInt8], version: Int, correction: Correction, mask: Int?) {
        self.version = version
        self.correction = correction
        var grid = Grid(version: version)
        grid.drawFunctionPatterns()
        grid.drawCodewords(Self.codewords(bytes, version: version, correction: correction))
        let chosen = mask ?? (0..<8).min { grid.penalty(mask: $0, correction: correction) < grid.penalty(mask: $1, correction: correction) }!
        grid.finish(mask: chosen, correction: correction)
        self.mask = chosen
        size = grid.size
        modules = grid.modules
    }

    /// The bytes a version holds at a level, in byte mode.
    public static func capacity(version: Int, correction: Correction) -> Int {
        (dataCodewords(version, correction) * 8 - 4 - countBits(version)) / 8
    }

    static func fits(_ count: Int, version: Int, correction: Correction) -> Bool { count <= capacity(version: version, correction: correction) }

    // MARK: Data and error correction

    /// Bits of the byte count: 8 up to version 9, 16 after.
    static func countBits(_ version: Int) -> Int { version < 10 ? 8 : 16 }

    /// The data and error-correction codewords in the order they are placed.
    static func codewords(_ bytes: [UInt8], version: Int, correction: Correction) -> [UInt8] {
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)  // byte mode
        bits.append(bytes.count, count: countBits(version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacityBits = dataCodewords(version, correction) * 8
        bits.append(0, count: min(4, capacityBits - bits.count))  // terminator
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var data = bits.bytes
        var pad: UInt8 = 0xEC
        while data.count < capacityBits / 8 {
            data.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        return interleaved(data, version: version, correction: correction)
    }

    /// The data split into blocks, each followed by its Reed–Solomon codewords, read column by column.
    static func interleaved(_ data: [UInt8], version: Int, correction: Correction) -> [UInt8] {
        let blockCount = Tables.blocks[correction.rawValue][version]
        let eccLength = Tables.eccPerBlock[correction.rawValue][version]
        let raw = rawDataModules(version) / 8
        let shortBlocks = blockCount - raw % blockCount
        let shortLength = raw / blockCount
        let divisor = ReedSolomon.divisor(degree: eccLength)
        var blocks: [[UInt8]] = []
        var start = 0
        for i in 0..<blockCount {
            let length = shortLength - eccLength + (i < shortBlocks ? 0 : 1)
            var block = Array(data[start..<start + length])
            start += length
            let ecc = ReedSolomon.remainder(block, divisor: divisor)
            if i < shortBlocks { block.append(0) }  // a gap, skipped when reading out
            blocks.append(block + ecc)
        }
        var result: [UInt8] = []
        for i in 0..<blocks[0].count {
            for (j, block) in blocks.enumerated() where i != shortLength - eccLength || j >= shortBlocks {
                result.append(block[i])
            }
        }
        return result
    }

    /// Modules left for data and error correction once the function patterns are drawn.
    static func rawDataModules(_ version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCodewords(_ version: Int, _ correction: Correction) -> Int {
        rawDataModules(version) / 8 - Tables.eccPerBlock[correction.rawValue][version] * Tables.blocks[correction.rawValue][version]
    }

    /// Centres of the alignment patterns along each axis.
    static func alignmentPositions(_ version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        let size = 17 + 4 * version
        var result = [6]
        var position = size - 7
        while result.count < count {
            result.insert(position, at: 1)
            position -= step
        }
        return result
    }
}

/// Bits appended most significant first.
struct BitBuffer {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            (0..<8).reduce(UInt8(0)) { byte, i in byte << 1 | (start + i < bits.count && bits[start + i] ? 1 : 0) }
        }
    }
}

/// Reed–Solomon over GF(2⁸) with the QR Code's polynomial x⁸ + x⁴ + x³ + x² + 1.
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= Int((y >> UInt8(i)) & 1) * Int(x)
        }
        return UInt8(z)
    }

    /// The generator polynomial of `degree`, highest coefficient (always 1) left out.
    static func divisor(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree - 1) + [1]
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in result.indices {
                result[j] = multiply(result[j], root)
                if j + 1 < result.count { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for i in result.indices { result[i] ^= multiply(divisor[i], factor) }
        }
        return result
    }
}
