/// A part of a list that grows with use (complaints, incidents, revocations...): at most `limit`
/// items after skipping `offset`, in the list's own order. The API hands such lists out a page at
/// a time, so that no request makes the store read or send all of them.
public struct ListPage: Sendable, Hashable {
    /// Items skipped from the start of the list.
    public let offset: Int
    /// Most items returned.
    public let limit: Int

    public init(offset: Int = 0, limit: Int) {
        precondition(offset >= 0 && limit > 0, "a page starts at 0 or later and holds at least one item")
        self.offset = offset
        self.limit = limit
    }
}
