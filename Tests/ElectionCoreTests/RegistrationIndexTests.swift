import ElectionCore
import Testing

/// The in-memory index must answer exactly as the register searched in full would: these tests
/// hold it against `VoterSearch` ranking every voter of the date, and against a plain dictionary
/// of where each voter is, over registers made so that names and dates collide often.
@Suite("RegistrationIndex")
struct RegistrationIndexTests {
    /// A few names, some sharing a sound or a slip, so that ties and near misses are common.
    static let names: [(String, String)] = [
        ("សុខ ដារ៉ា", "Sok Dara"), ("សុខ ដារា", "Sokh Dara"), ("ចាន់ សុភា", "Chan Sophea"), ("ចាន់ សុភារ", "Chan Sophear"),
        ("កែវ វណ្ណា", "Keo Vanna"), ("ហេង ដារ៉ា", "Heng Dara"), ("លី ស្រីមុំ", "Ly Sreymom"), ("ប្រាក់ សុវណ្ណ", "Prak Sovann"),
        ("សុខដារ៉ា", "Sokdara"), ("ង៉ែត", "Nget"),
    ]
    static let stations: [StationCode] = ["010201001", "010201002", "020301001", "120101003"]
    static let firstDay = CalendarDate(year: 1980, month: 1, day: 1)!

    typealias Draw = SplitMix

    static func voter(_ serial: Int, _ draw: inout Draw) -> RegisterEntry {
        let name = names.randomElement(using: &draw)!
        return RegisterEntry(Voter(
            number: VoterNumber(serial: serial), name: PersonName(khmer: name.0, latin: name.1), sex: .female,
            dateOfBirth: firstDay.adding(days: Int.random(in: 0..<6, using: &draw)),
            stationCode: stations.randomElement(using: &draw)!))
    }

    /// What the public check answers when every voter of the date is ranked (`VoterSearch`).
    static func expected(_ search: VoterSearch, _ register: [Int: RegisterEntry]) -> VoterSearch.PublicAnswer {
        search.publicAnswer(search.ranked(register.values.filter { $0.voter.dateOfBirth == search.dateOfBirth }))
    }

    static func check(_ index: RegistrationIndex, _ register: [Int: RegisterEntry], _ draw: inout Draw) -> Int {
        var compared = 0
        for day in 0..<6 {
            for (khmer, latin) in names {
                for typed in [khmer, latin, latin.uppercased(), String(latin.dropLast())] {
                    let search = VoterSearch(name: typed, dateOfBirth: firstDay.adding(days: day), limit: 2)
                    let full = expected(search, register)
                    switch index.answer(search) {
                    case .one(let number):
                        #expect(full == .one(register[number.value]!.voter), "\(typed) \(day)")
                    case .several:
                        #expect(full == .several, "\(typed) \(day)")
                    case .notFound:
                        #expect(full == .notFound, "\(typed) \(day)")
                    case .askTheRegister:
                        // Only a name one slip away (or nothing) may be left for the names to decide.
                        let ranked = search.ranked(register.values.filter { $0.voter.dateOfBirth == search.dateOfBirth })
                        #expect(ranked.allSatisfy { $0.closeness == .near }, "\(typed) \(day): \(ranked)")
                    }
                    compared += 1
                }
            }
        }
        return compared
    }

    @Test("Checks by name answer as ranking every voter of the date would", arguments: [1, 2, 3])
    func namesAnswerAsTheRegister(seed: UInt64) {
        var draw = Draw(state: seed)
        var register: [Int: RegisterEntry] = [:]
        var builder = RegistrationIndex.Builder()
        let built = (0..<400).map { Self.voter($0 * 3, &draw) }
        builder.addRegister(built)
        for entry in built { register[entry.voter.number.value] = entry }
        var index = builder.build(listFixed: false)
        #expect(Self.check(index, register, &draw) > 0)
        // Changes one voter at a time: added, moved (a new name and date too), removed.
        for step in 0..<300 {
            switch step % 3 {
            case 0:
                let entry = Self.voter(2_000 + step, &draw)
                index = index.applying(.registered(entry))
                register[entry.voter.number.value] = entry
            case 1:
                let number = register.keys.sorted()[Int.random(in: 0..<register.count, using: &draw)]
                let moved = Self.voter(number / 10, &draw)
                index = index.applying(.registered(moved))
                register[number] = moved
            default:
                let number = register.keys.sorted()[Int.random(in: 0..<register.count, using: &draw)]
                index = index.applying(.removed(VoterNumber(value: number)!))
                register[number] = nil
            }
        }
        #expect(index.changedSinceBuild > 0)
        _ = Self.check(index, register, &draw)
    }

    @Test("A voter's place follows the register, then the fixed list, changes included")
    func placesFollowRegisterAndList() {
        var draw = Draw(state: 7)
        let register = (0..<50).map { Self.voter($0, &draw) }
        // The list was fixed with voters 0..<40 at other stations; 40..<50 registered after.
        // Voter 60 is on the list only (removed from the register since).
        let list = register.prefix(40).map { ($0.voter.number, Self.stations[($0.voter.number.value / 10) % 4]) }
            + [(VoterNumber(serial: 60), Self.stations[0])]
        var builder = RegistrationIndex.Builder()
        builder.addRegister(register)
        builder.addList(list)
        var index = builder.build(listFixed: true)
        for (number, station) in list { #expect(index.placement(of: number) == .station(station)) }
        for entry in register.suffix(10) { #expect(index.placement(of: entry.voter.number) == .nextElection) }
        #expect(index.placement(of: VoterNumber(serial: 999)) == .notFound)
        // A move on the register does not move the fixed list's voter; a new voter waits for the next election.
        index = index.applying(.registered(Self.voter(0, &draw)))
        #expect(index.placement(of: VoterNumber(serial: 0)) == .station(list[0].1))
        index = index.applying(.registered(Self.voter(500, &draw)))
        #expect(index.placement(of: VoterNumber(serial: 500)) == .nextElection)
        index = index.applying(.removed(VoterNumber(serial: 45)))
        #expect(index.placement(of: VoterNumber(serial: 45)) == .notFound)

        var open = RegistrationIndex.Builder()
        open.addRegister(register)
        var unfixed = open.build(listFixed: false)
        for entry in register { #expect(unfixed.placement(of: entry.voter.number) == .station(entry.voter.stationCode)) }
        unfixed = unfixed.applying(.removed(register[3].voter.number))
        #expect(unfixed.placement(of: register[3].voter.number) == .notFound)
        let moved = RegisterEntry(Voter(number: register[4].voter.number, name: register[4].voter.name, sex: .female,
                                        dateOfBirth: register[4].voter.dateOfBirth, stationCode: "010201009"))
        unfixed = unfixed.applying(.registered(moved))
        #expect(unfixed.placement(of: moved.voter.number) == .station("010201009"))
    }
}
