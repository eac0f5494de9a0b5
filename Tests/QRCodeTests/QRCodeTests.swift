import Foundation
@testable import QRCode
import ElectionTestSupport
import Testing

/// The encoder checked against the standard's own figures and read back by an independent
/// decoder (zxing-cpp, from PyPI: `pip install zxing-cpp`), at every level, small and large
/// versions, every mask.
@Suite struct QRCodeTests {
    /// The standard's byte-mode capacities (ISO/IEC 18004, table 7), for a few versions.
    @Test func capacitiesAreTheStandards() {
        let published: [(Int, QRCode.Correction, Int)] = [
            (1, .low, 17), (1, .medium, 14), (1, .quartile, 11), (1, .high, 7), (2, .medium, 26), (7, .quartile, 86),
            (10, .medium, 213), (15, .high, 220), (27, .medium, 1_125), (40, .medium, 2_331), (40, .low, 2_953), (40, .high, 1_273),
        ]
        for (version, correction, bytes) in published {
            #expect(QRCode.capacity(version: version, correction: correction) == bytes, "version \(version) \(correction)")
        }
    }

    @Test func theSmallestVersionThatHoldsTheBytesIsChosen() throws {
        #expect(try QRCode(bytes: Array(repeating: 65, count: 14), correction: .medium).version == 1)
        #expect(try QRCode(bytes: Array(repeating: 65, count: 15), correction: .medium).version == 2)
        #expect(throws: QRCode.EncodingError.tooLong(bytes: 2_954, capacity: 2_953)) {
            try QRCode(bytes: Array(repeating: 0, count: 2_954), correction: .low)
        }
    }

    /// The generator polynomial of degree 7 as the standard lists it (annex A), and GF(2⁸) arithmetic.
    @Test func reedSolomonIsTheStandards() {
        #expect(ReedSolomon.multiply(0x80, 0x02) == 0x1D)
        #expect(ReedSolomon.divisor(degree: 7) == [0x7F, 0x7A, 0x9A, 0xA4, 0x0B, 0x44, 0x75])
    }

    static var decoderAvailable: Bool { (try? Python3.run(["-c", "import zxingcpp, numpy"]).status) == 0 }

    @Test(.enabled(
        if: decoderAvailable || ProcessInfo.processInfo.environment["SALA_REQUIRE_QR_DECODER"] == "1",
        "python3 with zxing-cpp not installed: pip install zxing-cpp"))
    func anIndependentDecoderReadsWhatWasEncoded() throws {
        try #require(Self.decoderAvailable, "SALA_REQUIRE_QR_DECODER=1 but python3 cannot import zxingcpp: pip install zxing-cpp")
        let khmer = Array("ព្រះរាជាណាចក្រកម្ពុជា ជាតិ សាសនា ព្រះមហាក្សត្រ".utf8)
        var symbols: [(String, QRCode)] = []
        for correction in QRCode.Correction.allCases {
            symbols.append(("short \(correction)", try QRCode(text: "SALA", correction: correction)))
            symbols.append(("khmer \(correction)", try QRCode(bytes: khmer, correction: correction)))
        }
        for bytes in [100, 300, 700, 1_500, 2_900] {
            let data = (0..<bytes).map { UInt8(($0 * 37 + 11) % 256) }
            symbols.append(("\(bytes) bytes", try QRCode(bytes: data, correction: .low)))
        }
        for mask in 0..<8 {
            symbols.append(("mask \(mask)", QRCode(bytes: Array("mask \(mask)".utf8), version: 8, correction: .medium, mask: mask)))
        }
        let versions = Set(symbols.map(\.1.version))
        #expect(versions.contains(1) && versions.contains(where: { $0 >= 7 }) && versions.contains(where: { $0 >= 30 }))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (i, symbol) in symbols.enumerated() {
            try symbol.1.text.write(to: folder.appendingPathComponent("\(i).txt"), atomically: true, encoding: .utf8)
        }
        let script = """
            import sys, os, numpy, zxingcpp
            folder = sys.argv[1]
            for name in sorted(os.listdir(folder), key=lambda n: int(n.split('.')[0])):
                rows = open(os.path.join(folder, name)).read().split()
                side = len(rows) + 8
                image = numpy.full((side * 4, side * 4), 255, dtype=numpy.uint8)
                for y, row in enumerate(rows):
                    for x, c in enumerate(row):
                        if c == '1':
                            image[(y + 4) * 4:(y + 5) * 4, (x + 4) * 4:(x + 5) * 4] = 0
                found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
                print(name.split('.')[0], found[0].bytes.hex() if found else '-')
            """
        let (status, output) = try Python3.run(["-c", script, folder.path])
        try #require(status == 0, "\(output)")
        let decoded = Dictionary(uniqueKeysWithValues: output.split(separator: "\n").compactMap { line -> (Int, String)? in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let index = Int(parts[0]) else { return nil }
            return (index, String(parts[1]))
        })
        for (i, symbol) in symbols.enumerated() {
            let expected = Self.payload(of: symbol.0, symbol.1, khmer: khmer)
            #expect(decoded[i] == expected.map { String(format: "%02x", $0) }.joined(), "\(symbol.0), version \(symbol.1.version)")
        }
    }

    /// The bytes each test symbol was made from.
    static func payload(of name: String, _ symbol: QRCode, khmer: [UInt8]) -> [UInt8] {
        if name.hasPrefix("short") { return Array("SALA".utf8) }
        if name.hasPrefix("khmer") { return khmer }
        if name.hasPrefix("mask") { return Array(name.utf8) }
        let count = Int(name.split(separator: " ")[0])!
        return (0..<count).map { UInt8(($0 * 37 + 11) % 256) }
    }

    @Test func theSVGDrawsEveryDarkModuleInsideItsQuietZone() throws {
        let symbol = try QRCode(text: "SALA-1", correction: .medium)
        let svg = symbol.svg(title: "Badge <1>")
        #expect(svg.contains("viewBox=\"0 0 \(symbol.size + 8) \(symbol.size + 8)\"") && svg.contains("<title>Badge &lt;1></title>"))
        // The lines of the path cover exactly the dark modules: follow its moves.
        let path = String(try #require(svg.firstMatch(of: /d="([^"]*)"/)).1)
        var drawn = Set<[Int]>()
        var (x, y) = (0.0, 0.0)
        for command in path.matches(of: /([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/) {
            let a = Double(command.2)!, b = command.3.map { Double($0)! } ?? 0
            switch command.1 {
            case "M": (x, y) = (a, b)
            case "m": (x, y) = (x + a, y + b)
            default:
                for dx in 0..<Int(a) { drawn.insert([Int(x) + dx - 4, Int(y - 0.5) - 4]) }
                x += a
            }
        }
        var dark = Set<[Int]>()
        for (y, row) in symbol.modules.enumerated() { for (x, on) in row.enumerated() where on { dark.insert([x, y]) } }
        #expect(drawn == dark)
    }
}
