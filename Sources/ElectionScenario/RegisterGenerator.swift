import ElectionCore

/// Generates a station's voters: names, sex, dates of birth (18 or older on election day) and
/// voter numbers in station order. Each station draws from its own stream, so a station's voters
/// do not depend on the register size of the stations before it.
struct RegisterGenerator: Sendable {
    let seed: UInt64
    let electionDay: CalendarDate
    /// Serials start here so that every voter number has ten significant digits.
    static let firstSerial = 100_000_000
    private let names = NameMaker()
    private let latestBirth: Int

    init(seed: UInt64, electionDay: CalendarDate) {
        self.seed = seed
        self.electionDay = electionDay
        latestBirth = CalendarDate(
            year: electionDay.year - 18, month: electionDay.month, day: electionDay.day == 29 && electionDay.month == 2 ? 28 : electionDay.day
        )!.daysSinceEpoch
    }

    /// Age bands of Cambodia's adult population, roughly: many young voters, fewer old ones.
    private static let ageBands: [(range: ClosedRange<Int>, weight: Int)] = [
        (18...24, 20), (25...34, 24), (35...44, 20), (45...54, 15), (55...64, 11), (65...74, 7), (75...95, 3),
    ]
    private static let totalWeight = ageBands.reduce(0) { $0 + $1.weight }

    /// The voters of `stations`, numbered from `firstSerial` in station order.
    func voters(of stations: ArraySlice<PollingStation>, firstSerial: Int) -> [Voter] {
        var voters: [Voter] = []
        voters.reserveCapacity(stations.reduce(0) { $0 + $1.registeredVoters })
        var serial = firstSerial
        for station in stations {
            appendVoters(of: station, firstSerial: serial, to: &voters)
            serial += station.registeredVoters
        }
        return voters
    }

    private func appendVoters(of station: PollingStation, firstSerial: Int, to voters: inout [Voter]) {
        guard station.registeredVoters > 0, let code = UInt64(station.id.rawValue) else { return }
        var nextSerial = firstSerial
        var rng = SeededGenerator(seed: seed, stream: 1_000_000 + code)
        for _ in 0..<station.registeredVoters {
            let sex: Sex = rng.next() & 1 == 0 ? .female : .male
            var pick = Int(rng.next() % UInt64(Self.totalWeight))
            var band = Self.ageBands[0].range
            for (range, weight) in Self.ageBands {
                if pick < weight {
                    band = range
                    break
                }
                pick -= weight
            }
            let age = Int(rng.next() % UInt64(band.count)) + band.lowerBound
            // Born between `age + 1` years and `age` years before election day, never after the 18th birthday.
            let born = min(latestBirth, electionDay.daysSinceEpoch - age * 365 - age / 4 - Int(rng.next() % 365))
            voters.append(Voter(
                number: VoterNumber(serial: nextSerial), name: names.name(sex: sex, using: &rng), sex: sex,
                dateOfBirth: CalendarDate(daysSinceEpoch: born), stationCode: station.id))
            nextSerial += 1
        }
    }
}
