import Foundation

/// A voter on the register with the keys their name is searched by, as the store keeps them:
/// ``NameKey`` of the Khmer name and of the Latin name, and ``LatinKey`` of the Khmer name.
public struct RegisterEntry: Sendable, Hashable {
    public let voter: Voter
    public let nameKey: String
    public let latinKey: String
    public let latinNameKey: String

    public init(voter: Voter, nameKey: String, latinKey: String, latinNameKey: String) {
        self.voter = voter
        self.nameKey = nameKey
        self.latinKey = latinKey
        self.latinNameKey = latinNameKey
    }

    /// The entry of `voter`, computing the keys.
    public init(_ voter: Voter) {
        self.init(voter: voter, nameKey: NameKey.of(voter.name.khmer), latinKey: LatinKey.of(voter.name.khmer),
                  latinNameKey: NameKey.of(voter.name.latin))
    }
}

extension RegisterEntry {
    /// The entries of many voters, their keys worked out on every core.
    public static func entries(of voters: [Voter]) async -> [RegisterEntry] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, voters.count / 2_000))
        guard parts > 1 else { return voters.map(RegisterEntry.init) }
        let size = (voters.count + parts - 1) / parts
        return await withTaskGroup(of: (Int, [RegisterEntry]).self) { group in
            for part in 0..<parts {
                let slice = voters[min(voters.count, part * size)..<min(voters.count, (part + 1) * size)]
                group.addTask { (part, slice.map(RegisterEntry.init)) }
            }
            var done = [[RegisterEntry]](repeating: [], count: parts)
            for await (part, entries) in group { done[part] = entries }
            return done.flatMap { $0 }
        }
    }
}
