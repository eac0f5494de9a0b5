import ArgumentParser
import ElectionCore
import ElectionStore
import ElectionWeb
import Foundation

/// `sala mission`: observer missions' tokens.
struct Mission: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Observer missions: add one, draw the stations it visits, make tokens for observers' phones.",
        subcommands: [Add.self, Team.self, Draw.self, Assign.self, Token.self, Badge.self, List.self, Redraw.self])

    struct Team: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or replace a team: its members (seats) and its area.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "Mission id.") var mission: MissionID
        @Argument(help: "Team name.") var name: String
        @Option(help: "Members' seats, comma-separated, e.g. 3,4.") var members: String
        @Option(help: "Province (2-digit) or commune (6-digit) codes, comma-separated.") var area: String

        func run() async throws {
            let seats = members.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let written = area.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let codes = written.compactMap(UnitCode.init(rawValue:)).filter { $0.level == .province || $0.level == .commune }
            guard !seats.isEmpty, seats.count == members.split(separator: ",").count else {
                throw ValidationError("--members must list seats as numbers, e.g. 3,4.")
            }
            guard !codes.isEmpty, codes.count == written.count else {
                throw ValidationError("--area must list 2-digit province or 6-digit commune codes.")
            }
            try await store.withStore { db in
                try await db.saveTeam(ObserverTeam(missionID: mission, name: name, members: seats, area: codes))
            }
            announce("Team \(name) of \(mission): seats \(seats.map(String.init).joined(separator: ", ")), area \(written.joined(separator: ", ")).")
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assign stations chosen by hand to a team.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "Mission id.") var mission: MissionID
        @Option(help: "The team the stations are for.") var team: String
        @Argument(help: "Polling station codes (9 digits).") var stations: [String]

        func run() async throws {
            let codes = stations.compactMap(StationCode.init(rawValue:))
            guard !codes.isEmpty, codes.count == stations.count else {
                throw ValidationError("Give one or more 9-digit polling station codes.")
            }
            try await store.withStore { db in
                _ = try await db.mission(mission)
                for code in codes { _ = try await db.pollingStation(code) }
                try await db.assignStations(missionID: mission, team: team, stations: codes)
            }
            announce("Assigned \(Set(stations).count) stations to team \(team).")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a mission and its members from a JSON file.",
            discussion: """
                The file: {"mission": {"id", "organisation", "nameEnglish", "nameKhmer", "kind": "international"|"domestic", \
                "invitationDate"?, "invitedBy": [...], "workingGroup": [...], "organisationKhmer"?, "invitedByKhmer"?: [...], \
                "workingGroupKhmer"?: [...], "accreditingOrganisationID"?}, "members": [{"seat", "name", "body", "title", \
                "bodyKhmer"?, "titleKhmer"?, "isHead", "badge"?: "A-000123", "accreditation"?: "requested"|"accredited"|"refused"}, ...]}. \
                Exactly one member is the head. A member accredited by the NEC names their badge, which must be one of the \
                accreditingOrganisationID's (see `sala accreditation`); the member then stands where the NEC's decision says. \
                A member without a badge gives the mission's own word (accreditation). \
                The Khmer texts are shown on Khmer pages; where one is missing, the English is shown.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "The mission's JSON file.") var file: String

        struct File: Decodable {
            struct Member: Decodable {
                let seat: Int
                let name: String
                let body: String
                let title: String
                let isHead: Bool
                let accreditation: Accreditation?
                let badge: String?
                let bodyKhmer: String?
                let titleKhmer: String?
            }
            let mission: ObserverMission
            let members: [Member]
        }

        func run() async throws {
            let parsed: File
            do {
                parsed = try JSONDecoder().decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
            } catch DecodingError.dataCorrupted(let context) where context.codingPath.map(\.stringValue) == ["mission", "id"] {
                throw ValidationError("mission.id must be 1 to 64 letters, digits and '-'.")
            } catch {
                throw ValidationError("\(file) is not a mission as documented (see --help): \(error.localizedDescription)")
            }
            guard ["international", "domestic"].contains(parsed.mission.kind) else {
                throw ValidationError("mission.kind must be international or domestic, not '\(parsed.mission.kind)'.")
            }
            guard parsed.members.filter(\.isHead).count == 1 else { throw ValidationError("members: exactly one must be the head (isHead).") }
            guard Set(parsed.members.map(\.seat)).count == parsed.members.count, parsed.members.allSatisfy({ $0.seat > 0 }) else {
                throw ValidationError("members: seats must be distinct numbers from 1.")
            }
            let members = try parsed.members.map { member in
                let badge = try member.badge.map { try badgeID($0, "members: seat \(member.seat)'s badge: ") }
                guard badge != nil || [.requested, .accredited, .refused].contains(member.accreditation) else {
                    throw ValidationError("members: seat \(member.seat) needs a badge or an accreditation (requested, accredited or refused).")
                }
                return MissionMember(
                    missionID: parsed.mission.id, seat: member.seat, name: member.name, body: member.body, title: member.title,
                    isHead: member.isHead, accreditation: member.accreditation ?? .requested, bodyKhmer: member.bodyKhmer,
                    titleKhmer: member.titleKhmer, badge: badge)
            }
            try await store.withStore { db in try await db.addMission(parsed.mission, members: members) }
            announce("Added mission \(parsed.mission.id) with \(parsed.members.count) members.")
        }
    }

    struct Draw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw stations for a team at random, reproducibly, and record the draw with its seed and frame.",
            discussion: """
                The frame is every polling station with registered voters in the --within provinces or communes \
                (all when absent). The same seed, frame, size and strata always draw the same stations.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "Mission id.") var mission: MissionID
        @Option(help: "The team the stations are for.") var team: String
        @Option(help: "How many stations.") var size: Int
        @Option(help: "The seed (keep it: anyone can redo the draw with it).") var seed: UInt64
        @Option(help: "none, province or commune: share the sample in proportion to the stations of each.") var strata = "none"
        @Option(help: "Province (2-digit) or commune (6-digit) codes, comma-separated.") var within: String?

        func run() async throws {
            guard let strata = StationDraw.Strata(rawValue: strata) else {
                throw ValidationError("--strata must be none, province or commune, not '\(strata)'.")
            }
            let written = within?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } ?? []
            let units = written.compactMap(UnitCode.init(rawValue:)).filter { $0.level == .province || $0.level == .commune }
            guard units.count == written.count else {
                throw ValidationError("--within must list 2-digit province or 6-digit commune codes.")
            }
            try await store.withStore { db in
                _ = try await db.mission(mission)
                var frame: [StationCode] = []
                for province in try await db.constituencies() where units.isEmpty || units.contains(where: { $0.province == province.id }) {
                    frame += try await db.pollingStations(inProvince: province.id)
                        .filter { station in station.registeredVoters > 0 && (units.isEmpty || units.contains { $0.contains(station.id) }) }
                        .map(\.id)
                }
                guard !frame.isEmpty else { throw ValidationError("No polling station with voters lies within \(within ?? "the country").") }
                let draw = StationDraw(seed: seed, frame: frame, size: size, strata: strata)
                let stations: [StationCode]
                do { stations = try draw.stations() } catch {
                    throw ValidationError("--size must be between 1 and the \(frame.count) stations of the frame.")
                }
                try await db.recordDraw(missionID: mission, team: team, draw: draw, stations: stations, at: Date())
                announce("Drew \(stations.count) of \(frame.count) stations for team \(team) (seed \(seed), strata \(strata.rawValue)):")
                announce(stations.map(\.rawValue).joined(separator: "\n"))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List missions.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withStore { db in
                for m in try await db.missions() {
                    announce("\(m.id)\t\(m.kind)\t\(try await db.members(ofMission: m.id).count) members\t\(m.organisation)")
                }
            }
        }
    }

    struct Badge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say which NEC badge a mission member holds, so that the member stands where the NEC decided.",
            discussion: "The badge must be one of the mission's accrediting organisation's. --none takes the badge away.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "Mission id, e.g. demo-2023.") var mission: MissionID
        @Argument(help: "The member's seat in the mission (1 is the head).") var seat: Int
        @Argument(help: "The badge number, e.g. A-000123.") var badge: String?
        @Flag(help: "The member holds no badge.") var none = false

        func run() async throws {
            guard (badge == nil) == none else { throw ValidationError("Give a badge number, or --none.") }
            let id = try badge.map { try badgeID($0) }
            let member = try await store.withStore { db in try await db.linkBadge(id, seat: seat, ofMission: mission) }
            announce("\(member.name): \(member.badge.map(AccreditationApplication.badgeNumber) ?? "no badge"), \(member.accreditation.rawValue)")
        }
    }

    struct Redraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw a mission's quick-count sample again from its recorded seed, size and strata, and say whether it gives the same stations.",
            discussion: """
                Anyone with the database (or the same stations imported) can check a mission's sample: the draw depends only on \
                the frame (every station with registered voters), the seed, the size, the strata and the substitutes per stratum. \
                Exits 1 when the stations differ, naming the frame's version now and when drawn.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "Mission id, e.g. demo-2023.") var mission: MissionID

        func run() async throws {
            try await store.withStore { db in
                guard let recorded = try await db.quickCountSample(ofMission: mission) else {
                    throw ValidationError("Mission \(mission) has drawn no quick-count sample.")
                }
                let again = try QuickCountSample.draw(
                    missionID: mission, frame: try await db.stationsWithVoters().map(\.id), seed: recorded.seed, size: recorded.size,
                    strata: recorded.strata, substitutes: recorded.substitutesPerStratum, plan: recorded.plan, at: recorded.drawnAt)
                announce("seed \(recorded.seed), size \(recorded.size), strata \(recorded.strata.rawValue), \(recorded.substitutesPerStratum) substitutes per stratum")
                announce("frame when drawn \(recorded.frameVersion), now \(again.frameVersion)")
                guard Set(again.stations) == Set(recorded.stations) else {
                    let missing = Set(recorded.stations.map(\.code)).subtracting(again.stations.map(\.code)).count
                    announce("different: \(missing) of the \(recorded.stations.count) recorded stations are not drawn again")
                    throw ExitCode(1)
                }
                announce("the same \(recorded.sampled.count) stations and \(recorded.stations.count - recorded.sampled.count) substitutes")
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a code for one mission member to sign in on a phone and submit checklists, and print it once.",
            discussion: "The code is 12 characters, e.g. 7KQ2-M9XD-4RTA: short enough to type or print on a badge. The API takes it as a bearer token.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "Mission id, e.g. demo-2023.") var mission: MissionID
        @Argument(help: "The member's seat in the mission (1 is the head).") var seat: Int

        func run() async throws {
            try await store.withStore { db in
                guard try await db.members(ofMission: mission).contains(where: { $0.seat == seat }) else {
                    throw ValidationError("Mission \(mission) has no member in seat \(seat).")
                }
                let code = Passwords.newObserverCode()
                try await db.addObserverToken(digest: Passwords.digest(Passwords.observerCode(code)), missionID: mission, seat: seat)
                announce(code)
            }
        }
    }
}

/// `sala report`: reports computed from the database.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a report.", subcommands: [MissionReportCommand.self])

    struct MissionReportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mission", abstract: "A mission's report, in the structure of a mission statement; every figure computed.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "Mission id, e.g. demo-2023.") var mission: MissionID
        @Option(help: "html or md.") var format = "md"
        @Option(help: "en or km.") var language = "en"
        @Option(help: "Output file (standard output when absent).") var out: String?

        func validate() throws {
            guard ["html", "md"].contains(format) else { throw ValidationError("--format must be html or md, not '\(format)'.") }
            guard Language(rawValue: language) != nil else { throw ValidationError("--language must be en or km, not '\(language)'.") }
        }

        func run() async throws {
            let text = try await store.withStore { db in
                try await MissionReportDocument.render(
                    try await db.missionReport(mission), format: format, language: Language(rawValue: language)!)
            }
            try write(text, to: out)
        }
    }
}

extension MissionID: ExpressibleByArgument {}
