/// The inputs people send that the fuzzers try: each target takes any bytes, runs them through
/// the parsers that read such an input, and checks what must hold whatever the bytes are.
/// `sala-fuzz` runs one under libFuzzer; the regression test runs the checked-in corpus.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A voter register file (`sala import voters`): lines split, checked and written back.
    case register
    /// An organisation's accreditation file.
    case accreditation
    /// An election bundle or an election record bundle, several files in one input.
    case bundle
    /// Names: the register's name key, the Latin sound key, the scripts, the station finder, numerals.
    case names
    /// The small values typed in forms and query strings: dates, times, numbers, codes, references.
    case fields
    /// JSON decoded into the domain's types that API bodies and bundle files become.
    case json

    /// Runs `bytes` through the target; throws a ``FuzzFinding`` when an invariant does not hold.
    public func run(_ bytes: [UInt8]) throws(FuzzFinding) {
        switch self {
        case .register: try RegisterFuzz.run(bytes)
        case .accreditation: try AccreditationFuzz.run(bytes)
        case .bundle: try BundleFuzz.run(bytes)
        case .names: try NamesFuzz.run(bytes)
        case .fields: try FieldsFuzz.run(bytes)
        case .json: try JSONFuzz.run(bytes)
        }
    }
}

/// Something a parser did that it must never do, whatever its input.
public struct FuzzFinding: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// Throws a finding saying `what` unless `condition` holds.
func require(_ condition: Bool, _ what: @autoclosure () -> String) throws(FuzzFinding) {
    if !condition { throw FuzzFinding(what()) }
}
