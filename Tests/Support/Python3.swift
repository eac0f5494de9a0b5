import Foundation

/// `python3` from the PATH, as the tests that check with Python's tools run it (the NIST and
/// OpenAPI validators, the browser tests).
public enum Python3 {
    /// Runs python3 with `arguments`: its exit status and output (standard output and error together).
    public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
