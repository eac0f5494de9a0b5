import ElectionFuzzing
import Foundation

// Built normally, `sala-fuzz TARGET FILE...` runs files through a target, as the regression test
// does: how a finding is reproduced. Built by `bench/fuzz` with `-sanitize=fuzzer` and
// `-DSALA_FUZZ`, it is libFuzzer fuzzing the target named by SALA_FUZZ_TARGET. SwiftPM links
// every executable with its own `main` (`--defsym main=<module>_main`), so libFuzzer's `main`
// never runs: the program starts libFuzzer's driver itself.

#if SALA_FUZZ
@_extern(c, "LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

nonisolated(unsafe) var fuzzTarget = FuzzTarget.register

/// The callback libFuzzer calls with each input; the linker also needs it under this name.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    do {
        try fuzzTarget.run(bytes)
    } catch {
        fatalError("\(fuzzTarget.rawValue): \(error)")
    }
    return 0
}

guard let name = ProcessInfo.processInfo.environment["SALA_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
    FileHandle.standardError.write(Data("Set SALA_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")).\n".utf8))
    exit(2)
}
fuzzTarget = target
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv, testOneInput))
#else
let arguments = CommandLine.arguments.dropFirst()
let targetNames = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
    print("""
        usage: sala-fuzz TARGET FILE...
        Runs each file through a fuzz target (\(targetNames)).
        bench/fuzz builds this program with libFuzzer to fuzz them.
        """)
    exit(2)
}
var failed = false
for path in arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        print("\(path): cannot be read")
        failed = true
        continue
    }
    do {
        try target.run([UInt8](data))
        print("\(path): ok")
    } catch {
        print("\(path): \(error)")
        failed = true
    }
}
exit(failed ? 1 : 0)
#endif
