import ElectionCore
import Foundation

/// An organisation's accreditation file: every line after the header becomes an application or
/// a rejection, and the rejects file written for the refused lines reads line by line again.
enum AccreditationFuzz {
    static func run(_ bytes: [UInt8]) throws(FuzzFinding) {
        let reading = AccreditationFile.read(Data(bytes), organisation: "fuzz", category: .nationalObserver, codeVersion: 1)
        var lines = FuzzInput.lines(bytes)
        if lines.last?.isEmpty == true { lines.removeLast() }
        let headerRefused = reading.rejections.count == 1 && reading.rejections[0].line == 1
        if !headerRefused {
            try require(reading.applications.count + reading.rejections.count == lines.count - 1,
                        "\(lines.count - 1) lines gave \(reading.applications.count) applications and \(reading.rejections.count) rejections")
        }
        for application in reading.applications {
            try require(NameScript.isKhmer(name: application.name.khmer) && NameScript.isLatin(name: application.name.latin),
                        "an application's name is not in its scripts: \(application.name)")
        }
        let rejects = AccreditationFile.rejectsFile(reading.rejections)
        let written = FuzzInput.lines(Array(rejects.utf8)).dropLast()
        try require(written.count == reading.rejections.count + 1, "the rejects file has \(written.count) lines for \(reading.rejections.count) rejections")
        for line in written {
            guard case .success = RegisterFile.fields(of: line) else {
                throw FuzzFinding("a line of the rejects file cannot be read: \(String(decoding: line, as: UTF8.self))")
            }
        }
    }
}
