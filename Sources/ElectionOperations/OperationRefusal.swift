/// Why an operation will not go on, in words for the person who asked for it: a file that cannot
/// be read or written, a database that already holds what the operation would add.
public struct OperationRefusal: Error, CustomStringConvertible, Equatable {
    public let description: String

    /// A refusal saying `description`.
    public init(_ description: String) { self.description = description }
}
