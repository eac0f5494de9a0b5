import Foundation

/// A broadcaster's daily slots for the parties' campaign programmes (the NEC's equal airtime on
/// public television and radio).
public struct AirtimeChannel: Sendable, Hashable, Codable {
    public struct Slot: Sendable, Hashable, Codable {
        public var start: ClockTime
        /// Prime time: the slots most people watch or listen to, shared apart.
        public var prime: Bool

        public init(start: ClockTime, prime: Bool) {
            self.start = start
            self.prime = prime
        }
    }

    public var name: String
    public var slots: [Slot]

    public init(name: String, slots: [Slot]) {
        self.name = name
        self.slots = slots
    }
}

/// One broadcast: a channel's slot on a day, and the party it is given to (nil: left to the NEC's
/// own voter information, when the slots do not divide equally among the parties).
public struct AirtimeBroadcast: Sendable, Hashable, Codable {
    public var channel: String
    public var day: CalendarDate
    public var start: ClockTime
    public var prime: Bool
    public var party: PartyNumber?

    public init(channel: String, day: CalendarDate, start: ClockTime, prime: Bool, party: PartyNumber?) {
        self.channel = channel
        self.day = day
        self.start = start
        self.prime = prime
        self.party = party
    }
}

/// The campaign's airtime, drawn from a seed anyone can draw again: every party gets exactly the
/// same number of slots (so the same airtime, every slot being `minutes` long), and of each kind
/// of slot (a channel's prime slots, its other slots) the parties' counts differ by at most one.
///
/// How: the slots are grouped by kind (channels in order, prime before other), shuffled within
/// each kind, and given to the parties in turn, in an order shuffled from the seed, the turn
/// carrying on from one kind to the next. Giving in turn along a run of slots gives each party
/// ⌊n/P⌋ or ⌈n/P⌉ of any n consecutive ones, so of each kind; the last slots, fewer than the
/// parties, are left to the NEC so that the totals are equal.
public struct AirtimeSchedule: Sendable, Hashable, Codable {
    public var seed: UInt64
    /// The registered parties, sorted: the draw depends only on this set.
    public var parties: [PartyNumber]
    public var minutes: Int
    public var broadcasts: [AirtimeBroadcast]

    /// Why slots cannot be drawn.
    public enum Problem: Error, Equatable, Sendable {
        case noParties
        case noSlots
        /// A channel named twice, or a slot twice on one channel.
        case duplicateSlot(channel: String, start: ClockTime)
        case minutes
    }

    /// Draws the schedule of `channels` on `days` for `parties`, each slot `minutes` long.
    public static func draw(
        days: [CalendarDate], channels: [AirtimeChannel], parties: [PartyNumber], minutes: Int, seed: UInt64
    ) throws(Problem) -> AirtimeSchedule {
        let parties = Array(Set(parties)).sorted()
        guard !parties.isEmpty else { throw .noParties }
        guard minutes > 0 else { throw .minutes }
        var seen = Set<String>()
        for channel in channels {
            for slot in channel.slots where !seen.insert("\(channel.name) \(slot.start)").inserted {
                throw .duplicateSlot(channel: channel.name, start: slot.start)
            }
        }
        var generator = SplitMix(state: seed)
        // Kinds in a fixed order: each channel's prime slots, then its others.
        var kinds: [[AirtimeBroadcast]] = []
        for channel in channels {
            for prime in [true, false] {
                var kind = days.sorted().flatMap { day in
                    channel.slots.filter { $0.prime == prime }.sorted { $0.start < $1.start }.map {
                        AirtimeBroadcast(channel: channel.name, day: day, start: $0.start, prime: prime, party: nil)
                    }
                }
                for i in kind.indices.dropLast() { kind.swapAt(i, i + generator.below(kind.count - i)) }
                if !kind.isEmpty { kinds.append(kind) }
            }
        }
        let all = kinds.flatMap { $0 }
        guard !all.isEmpty else { throw .noSlots }
        var order = parties
        for i in order.indices.dropLast() { order.swapAt(i, i + generator.below(order.count - i)) }
        let given = all.count / parties.count * parties.count
        var broadcasts = all
        for i in 0..<given { broadcasts[i].party = order[i % order.count] }
        broadcasts.sort { ($0.day, $0.channel, $0.start) < ($1.day, $1.channel, $1.start) }
        return AirtimeSchedule(seed: seed, parties: parties, minutes: minutes, broadcasts: broadcasts)
    }

    /// A party's broadcasts, in time order.
    public func broadcasts(of party: PartyNumber) -> [AirtimeBroadcast] { broadcasts.filter { $0.party == party } }

    /// Each party's slots of each kind (channel, prime): what the fairness rule is about.
    public func counts() -> [PartyNumber: [String: Int]] {
        var counts: [PartyNumber: [String: Int]] = Dictionary(uniqueKeysWithValues: parties.map { ($0, [:]) })
        for b in broadcasts {
            guard let party = b.party else { continue }
            counts[party, default: [:]]["\(b.channel) \(b.prime ? "prime" : "other")", default: 0] += 1
        }
        return counts
    }
}


/// What the NEC publishes of the airtime: the draw's inputs, from which anyone draws the same
/// schedule (``AirtimeSchedule/draw(days:channels:parties:minutes:seed:)`` over the campaign's days).
public struct AirtimeDraw: Sendable, Hashable, Codable {
    public var seed: UInt64
    public var minutes: Int
    public var channels: [AirtimeChannel]
    /// The registered parties when it was drawn.
    public var parties: [PartyNumber]

    public init(seed: UInt64, minutes: Int, channels: [AirtimeChannel], parties: [PartyNumber]) {
        self.seed = seed
        self.minutes = minutes
        self.channels = channels
        self.parties = Array(Set(parties)).sorted()
    }

    /// The schedule over `days`.
    public func schedule(days: [CalendarDate]) throws(AirtimeSchedule.Problem) -> AirtimeSchedule {
        try AirtimeSchedule.draw(days: days, channels: channels, parties: parties, minutes: minutes, seed: seed)
    }
}

/// A published airtime draw: the first publication, or a change to it with its reason.
public struct AirtimePublication: Sendable, Hashable, Codable {
    public var number: Int
    public var draw: AirtimeDraw
    public var reason: String
    public var publishedAt: Date

    public init(number: Int, draw: AirtimeDraw, reason: String, publishedAt: Date) {
        self.number = number
        self.draw = draw
        self.reason = reason
        self.publishedAt = publishedAt
    }
}
