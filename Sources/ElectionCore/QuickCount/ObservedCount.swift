import Foundation

/// An observer's record of a station's count as posted at the station: the same figures as the
/// commission's result form. Kept exactly as received, never changed.
public struct ObservedCount: Sendable, Hashable, Codable {
    /// Made by the observer's phone, so that a retry is recognised as the same count.
    public var id: String
    public var missionID: MissionID
    /// The mission member who copied it.
    public var observer: Int
    public var stationCode: StationCode
    /// When the count was posted, `HH:MM` on election day.
    public var observedAt: ClockTime
    public var counts: ResultCounts
    /// When it reached Sala; set by the store.
    public var receivedAt: Date?

    public init(
        id: String, missionID: MissionID, observer: Int, stationCode: StationCode, observedAt: ClockTime, counts: ResultCounts,
        receivedAt: Date? = nil
    ) {
        self.id = id
        self.missionID = missionID
        self.observer = observer
        self.stationCode = stationCode
        self.observedAt = observedAt
        self.counts = counts
        self.receivedAt = receivedAt
    }

    /// Whether two records say the same thing (the receipt time aside): a retry that changes nothing.
    public func sameContent(as other: ObservedCount) -> Bool {
        var a = self, b = other
        a.receivedAt = nil
        b.receivedAt = nil
        return a == b
    }
}

/// What a mission holds for one station of its sample: the first count received, which the
/// estimates use, and any later counts by other observers compared with it, as in double entry.
public struct StationCountRecord: Sendable, Hashable, Codable {
    public var stationCode: StationCode
    public var first: ObservedCount
    /// Later counts of the same station, in the order received.
    public var others: [ObservedCount]
    /// The fields where a later count differs from the first (``ResultCounts/differences(from:)``),
    /// empty when every count agrees.
    public var differences: [String]

    /// Whether another observer's count confirms the first (a second count by the same observer
    /// is compared too, but confirms nothing).
    public var confirmed: Bool { differences.isEmpty && others.contains { $0.observer != first.observer } }

    /// The records by station, from counts in the order received.
    public static func records(_ counts: [ObservedCount]) -> [StationCode: StationCountRecord] {
        var records: [StationCode: StationCountRecord] = [:]
        for count in counts {
            if var record = records[count.stationCode] {
                record.others.append(count)
                let fields = count.counts.differences(from: record.first.counts)
                record.differences = Array(Set(record.differences).union(fields)).sorted()
                records[count.stationCode] = record
            } else {
                records[count.stationCode] = StationCountRecord(stationCode: count.stationCode, first: count, others: [], differences: [])
            }
        }
        return records
    }
}
