import Foundation

/// Prints a page's HTML to PDF with a headless Chromium, where the machine has one (Debian's
/// `chromium`); without one, pages offer their printable HTML only, which any browser prints.
struct PDFPrinter: Sendable {
    /// The Chromium executable.
    let executable: URL

    /// The printer, when a Chromium is found: `SALA_CHROMIUM` if set, else `chromium`,
    /// `chromium-browser` or `google-chrome` on the `PATH`.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> PDFPrinter? {
        let files = FileManager.default
        if let named = environment["SALA_CHROMIUM"] {
            return files.isExecutableFile(atPath: named) ? PDFPrinter(executable: URL(fileURLWithPath: named)) : nil
        }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in directories where files.isExecutableFile(atPath: "\(directory)/\(name)") {
                return PDFPrinter(executable: URL(fileURLWithPath: "\(directory)/\(name)"))
            }
        }
        return nil
    }

    /// Chromium failed, or took longer than `timeout`.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The PDF of `html` (a whole document, its style inline), printed on A4 with the page's own
    /// print rules; Chromium's header and footer (date, file name) are left off.
    func pdf(_ html: String, timeout: Duration = .seconds(120)) async throws -> Data {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sala-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("page.html"), output = directory.appendingPathComponent("page.pdf")
        try Data(html.utf8).write(to: input)
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf-no-header",
            // Its own profile, so that printers running at once do not share one.
            "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
            "--print-to-pdf=\(output.path)", input.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status: Int32 = try await withThrowingTaskGroup(of: Int32?.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                    do { try process.run() } catch { process.terminationHandler = nil; continuation.resume(returning: -1) }
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            if first == nil, process.isRunning { process.terminate() }
            group.cancelAll()
            return first ?? -2
        }
        guard status == 0, let data = try? Data(contentsOf: output), data.starts(with: Array("%PDF".utf8)) else {
            throw Failure(description: status == -2 ? "Chromium took longer than \(timeout) to print" : "Chromium could not print (exit \(status))")
        }
        return data
    }
}

/// A PDF was asked for, and this server cannot print one now (no Chromium, or it failed).
struct PDFUnavailable: Error {}
