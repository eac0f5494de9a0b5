import ElectionCore
import Foundation

/// A progress bar on standard error: redrawn in place on a terminal, a line per tenth elsewhere.
/// Updated by one task at a time (the loop that stores batches), hence unchecked.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let label: String
    private let started = Date()
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var lastTenth = -1
    private var lastDraw = Date.distantPast

    /// What the bar counts: things (shown as they are) or bytes (shown in megabytes).
    enum Counting { case items, bytes }
    private let counting: Counting

    init(label: String, total: Int, counting: Counting = .items) {
        self.label = label
        self.total = max(total, 1)
        self.counting = counting
    }

    func update(_ done: Int) {
        let fraction = Double(done) / Double(total)
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let scale = counting == .bytes ? 1_000_000 : 1
        let unit = counting == .bytes ? " MB" : ""
        let text = "\(label) \(Numerals.grouped(done / scale))/\(Numerals.grouped(total / scale))\(unit) \(Int(fraction * 100))% "
            + "\(Numerals.grouped(Int(rate) / scale))\(unit)/s, \(Int(left.rounded())) s left"
        if isTerminal {
            guard done >= total || Date().timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = Date()
            let width = 30
            let filled = min(width, Int(fraction * Double(width)))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(text)\u{1B}[K".utf8))
            if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            let tenth = Int(fraction * 10)
            guard tenth > lastTenth else { return }
            lastTenth = tenth
            FileHandle.standardError.write(Data("\(text)\n".utf8))
        }
    }
}
