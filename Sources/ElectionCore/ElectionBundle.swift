import Foundation

/// An election's definition as files a commission can write, check and send: a manifest, one CSV
/// file per kind of thing, and one GeoJSON geometry per constituency. `docs/election-bundle.md`
/// describes every file and column. Writing is deterministic (rows in code order), so the same
/// election always gives the same bytes; reading reports every problem, with its file, line and
/// column, not only the first.
public enum ElectionBundle {
    public static let format = "sala-election-bundle"
    public static let version = 1

    /// Columns added after bundles were first written: optional, so earlier bundles still load.
    static let addedColumns: Set<String> = ["district_name_km", "ramp", "ground_floor", "assistance"]

    /// The CSV files, in the order they are read, with their columns.
    public static let tables: [(file: String, columns: [String])] = [
        ("constituencies.csv", ["code", "name_en", "name_km", "kind", "seats"]),
        ("communes.csv", ["code", "district_code", "district_name", "name_en", "name_km", "kind", "latitude", "longitude", "district_name_km"]),
        ("polling_stations.csv", [
            "code", "name_en", "name_km", "address_en", "address_km", "latitude", "longitude", "registered_voters", "ramp", "ground_floor", "assistance",
        ]),
        ("commissions.csv", ["id", "level", "unit_code", "name_en", "name_km"]),
        ("commission_members.csv", ["commission_id", "seat", "role", "name_km", "name_latin", "sex", "voter_number"]),
        ("commission_sizes.csv", ["level", "minimum", "maximum"]),
        ("parties.csv", ["number", "name_en", "name_km", "abbreviation"]),
        ("candidates.csv", ["party", "constituency", "position", "name_km", "name_latin", "sex", "date_of_birth", "voter_number"]),
        ("calendar.csv", ["milestone", "opens", "closes"]),
    ]

    /// One thing wrong in a bundle: where, and why.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        /// The line (1 is the header), or nil for the whole file.
        public var line: Int?
        /// The column's name, or nil for the whole line.
        public var column: String?
        public var reason: String

        public init(file: String, line: Int? = nil, column: String? = nil, reason: String) {
            self.file = file
            self.line = line
            self.column = column
            self.reason = reason
        }

        public var description: String {
            [file, line.map { "line \($0)" }, column].compactMap { $0 }.joined(separator: ", ") + ": " + reason
        }
    }

    /// The problems found reading a bundle, every one of them.
    public struct Problems: Error, Sendable, CustomStringConvertible {
        public var all: [Problem]
        public var description: String { all.map(\.description).joined(separator: "\n") }
    }

    // MARK: Writing

    /// The bundle's files, by path inside the bundle.
    public static func files(of r: ElectionReferenceData) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        files["manifest.json"] = try encoder.encode(Manifest(format: format, version: version, election: r.election, provenance: r.provenance))
            + Data("\n".utf8)
        func table(_ file: String, _ rows: [[String]]) throws {
            files[file] = try csv(file, columns: tables.first { $0.file == file }!.columns, rows: rows)
        }
        try table("constituencies.csv", r.constituencies.sorted { $0.id < $1.id }.map {
            [$0.id.rawValue, $0.nameEnglish, $0.nameKhmer, $0.kind, String($0.seats)]
        })
        try table("communes.csv", r.communes.sorted { $0.id < $1.id }.map {
            [$0.id.rawValue, $0.districtCode, $0.districtName, $0.nameEnglish, $0.nameKhmer, $0.kind,
             $0.approximatePosition.map { String($0.latitude) } ?? "", $0.approximatePosition.map { String($0.longitude) } ?? "",
             $0.districtNameKhmer]
        })
        try table("polling_stations.csv", r.pollingStations.sorted { $0.id < $1.id }.map {
            [$0.id.rawValue, $0.nameEnglish, $0.nameKhmer, $0.addressEnglish, $0.addressKhmer,
             String($0.position.latitude), String($0.position.longitude), String($0.registeredVoters),
             StationAccessibility.text($0.accessibility.ramp), StationAccessibility.text($0.accessibility.groundFloor),
             StationAccessibility.text($0.accessibility.assistance)]
        })
        try table("commissions.csv", r.commissions.sorted { $0.id < $1.id }.map {
            [$0.id, $0.level.rawValue, $0.unitCode.rawValue, $0.nameEnglish, $0.nameKhmer]
        })
        try table("commission_members.csv", r.commissionMembers.sorted { ($0.commissionID, $0.seat) < ($1.commissionID, $1.seat) }.map {
            [$0.commissionID, String($0.seat), $0.role.rawValue, $0.name.khmer, $0.name.latin, $0.sex.rawValue, $0.voterNumber?.description ?? ""]
        })
        try table("commission_sizes.csv", CommissionLevel.allCases.compactMap { level in
            r.commissionSizes[level].map { [level.rawValue, String($0.lowerBound), String($0.upperBound)] }
        })
        try table("parties.csv", r.parties.sorted { $0.id < $1.id }.map {
            [$0.id.description, $0.nameEnglish, $0.nameKhmer, $0.abbreviation]
        })
        try table("candidates.csv", r.candidates.sorted {
            ($0.constituencyCode.rawValue, $0.partyID.rawValue, $0.listPosition) < ($1.constituencyCode.rawValue, $1.partyID.rawValue, $1.listPosition)
        }.map {
            [$0.partyID.description, $0.constituencyCode.rawValue, String($0.listPosition), $0.name.khmer, $0.name.latin,
             $0.sex.rawValue, $0.dateOfBirth.iso, $0.voterNumber?.description ?? ""]
        })
        try table("calendar.csv", ElectionCalendar(entries: r.calendar).entries.map { [$0.milestone.rawValue, $0.opens.iso, $0.closes.iso] })
        for (code, geometry) in r.outlines {
            files["boundaries/\(code).geojson"] = Data((geometry.hasSuffix("\n") ? geometry : geometry + "\n").utf8)
        }
        return files
    }

    /// One CSV file: the header, then one line per row; a value may not hold a line break.
    static func csv(_ file: String, columns: [String], rows: [[String]]) throws(Problems) -> Data {
        var text = columns.joined(separator: ",") + "\n"
        for row in rows {
            if let broken = row.first(where: { $0.utf8.contains { $0 == 10 || $0 == 13 } }) {
                throw Problems(all: [Problem(file: file, reason: "a value holds a line break: \(broken.prefix(40))")])
            }
            text += row.map(cell).joined(separator: ",") + "\n"
        }
        return Data(text.utf8)
    }

    /// A value as a bundle's cell: quoted as every CSV file Sala writes (``RegisterFile/quoted(_:)``),
    /// after an apostrophe when it starts as a formula would, and also when it starts with
    /// apostrophes followed by such a start, so that ``value(ofCell:)`` gives back exactly the
    /// value. A bundle is read back: a negative coordinate or an abbreviation `=` came back with
    /// the apostrophe, a coordinate then no longer read (found by `bench/fuzz`).
    static func cell(_ value: String) -> String {
        RegisterFile.quoted(startsLikeFormulaAfterApostrophes(value) ? "'" + value : value)
    }

    /// The value a cell holds: without the apostrophe ``cell(_:)`` put before it.
    static func value(ofCell field: String) -> String {
        field.hasPrefix("'") && startsLikeFormulaAfterApostrophes(field.dropFirst()) ? String(field.dropFirst()) : field
    }

    static func startsLikeFormulaAfterApostrophes(_ text: some StringProtocol) -> Bool {
        NameScript.startsLikeFormula(text.drop { $0 == "'" })
    }

    struct Manifest: Codable {
        var format: String
        var version: Int
        var election: Election
        var provenance: [String: String]
    }

    // MARK: Reading

    /// The election in `files` (by path inside the bundle), or every problem found in them.
    public static func read(_ files: [String: Data]) throws(Problems) -> ElectionReferenceData {
        var reader = Reader(files: files)
        return try reader.read()
    }

    struct Reader {
        let files: [String: Data]
        /// The tables the files may hold, with their columns.
        let tables: [(file: String, columns: [String])]
        var problems: [Problem] = []

        init(files: [String: Data], tables: [(file: String, columns: [String])] = ElectionBundle.tables) {
            self.files = files
            self.tables = tables
        }

        mutating func problem(_ file: String, _ line: Int? = nil, _ column: String? = nil, _ reason: String) {
            problems.append(Problem(file: file, line: line, column: column, reason: reason))
        }

        /// One line of a table: its values, found by column name.
        struct Row {
            let fields: [String]
            let index: [String: Int]
            subscript(column: String) -> String? { index[column].map { fields[$0] } }
        }

        /// The rows of a table with their line numbers; problems for a wrong header or a line
        /// that cannot be split.
        mutating func rows(_ file: String) -> [(line: Int, value: Row)] {
            let expected = tables.first { $0.file == file }!.columns
            guard let data = files[file] else {
                problem(file, nil, nil, "the file is missing")
                return []
            }
            // Split as an array of bytes: splitting `Data` itself was a fifth of the whole read.
            var lines = [UInt8](data).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
                line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            }
            if lines.last?.isEmpty == true { lines.removeLast() }
            // A bundle written before a column was added has the columns before it.
            guard let header = lines.first, case .success(let names) = RegisterFile.fields(of: header),
                  names == expected || (names == expected.filter { !ElectionBundle.addedColumns.contains($0) }) else {
                problem(file, 1, nil, "the header must be \(expected.joined(separator: ","))")
                return []
            }
            let columns = names
            let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
            var rows: [(line: Int, value: Row)] = []
            for (number, line) in lines.enumerated().dropFirst() {
                switch RegisterFile.fields(of: line) {
                case .failure(let fault): problem(file, number + 1, nil, fault.reason)
                case .success(let fields) where fields.count != columns.count:
                    problem(file, number + 1, nil, "\(fields.count) values; the header has \(columns.count)")
                case .success(let fields):
                    rows.append((line: number + 1, value: Row(fields: fields.map(ElectionBundle.value(ofCell:)), index: index)))
                }
            }
            return rows
        }

        /// A required text value, or a problem.
        mutating func text(_ file: String, _ line: Int, _ row: Row, _ column: String) -> String? {
            let raw = row[column] ?? ""
            // Trimming through Foundation is slow; most values have nothing to trim.
            let first = raw.utf8.first, last = raw.utf8.last
            let padded = first == 32 || first == 9 || last == 32 || last == 9
            let value = padded ? raw.trimmingCharacters(in: .whitespaces) : raw
            if value.isEmpty { problem(file, line, column, "empty") ; return nil }
            return value
        }

        mutating func parsed<T>(_ file: String, _ line: Int, _ row: Row, _ column: String, _ what: String, _ parse: (String) -> T?) -> T? {
            guard let value = text(file, line, row, column) else { return nil }
            guard let parsed = parse(value) else { problem(file, line, column, "not \(what): \(value.prefix(40))"); return nil }
            return parsed
        }

        /// `yes`, `no`, or empty (or a column the file does not have) for not recorded.
        mutating func yesOrNo(_ file: String, _ line: Int, _ row: Row, _ column: String) -> Bool? {
            guard let answer = StationAccessibility.answer(row[column] ?? "") else {
                problem(file, line, column, "must be yes, no or empty (not recorded)")
                return nil
            }
            return answer
        }

        mutating func number(_ file: String, _ line: Int, _ row: Row, _ column: String, _ range: ClosedRange<Int>) -> Int? {
            parsed(file, line, row, column, "a whole number from \(range.lowerBound) to \(range.upperBound)") {
                Int($0).flatMap { range.contains($0) ? $0 : nil }
            }
        }

        /// A whole number, or nil without a problem when the value is empty (not published).
        mutating func optionalNumber(_ file: String, _ line: Int, _ row: Row, _ column: String, _ range: ClosedRange<Int>) -> Int?? {
            guard row[column]?.trimmingCharacters(in: .whitespaces).isEmpty == false else { return .some(nil) }
            return number(file, line, row, column, range).map { .some($0) }
        }

        mutating func coordinate(_ file: String, _ line: Int, _ row: Row, _ column: String, _ limit: Double) -> Double? {
            parsed(file, line, row, column, "a coordinate from \(-limit) to \(limit)") {
                Double($0).flatMap { abs($0) <= limit ? $0 : nil }
            }
        }

        /// Notes a problem when `key` was seen before in this file.
        mutating func unique<K: Hashable>(_ key: K, _ seen: inout Set<K>, _ file: String, _ line: Int, _ column: String) {
            if !seen.insert(key).inserted { problem(file, line, column, "\(key) appears twice") }
        }

        /// `constituencies.csv`.
        mutating func readConstituencies() -> [Constituency] {
            var constituencies: [Constituency] = []
            var seen = Set<String>()
            for (line, row) in rows("constituencies.csv") {
                let file = "constituencies.csv"
                let code = parsed(file, line, row, "code", "a two-digit code") { ProvinceCode(rawValue: $0) }
                if let code { unique(code.rawValue, &seen, file, line, "code") }
                let seats = number(file, line, row, "seats", 1...10_000)
                guard let code, let seats, let en = text(file, line, row, "name_en"), let km = text(file, line, row, "name_km"),
                      let kind = text(file, line, row, "kind") else { continue }
                constituencies.append(Constituency(id: code, nameEnglish: en, nameKhmer: km, kind: kind, seats: seats))
            }
            return constituencies
        }

        /// `parties.csv`; a record of a past election may leave a Khmer name it does not know empty.
        mutating func readParties(khmerNameRequired: Bool) -> [Party] {
            var parties: [Party] = []
            var seen = Set<String>()
            for (line, row) in rows("parties.csv") {
                let file = "parties.csv"
                let number = parsed(file, line, row, "number", "a ballot number from 1") { PartyNumber($0) }
                if let number { unique(number.description, &seen, file, line, "number") }
                let km = khmerNameRequired ? text(file, line, row, "name_km") : (row["name_km"] ?? "").trimmingCharacters(in: .whitespaces)
                guard let number, let en = text(file, line, row, "name_en"), let km else { continue }
                parties.append(Party(id: number, nameEnglish: en, nameKhmer: km, abbreviation: row["abbreviation"] ?? ""))
            }
            return parties
        }

        mutating func read() throws(Problems) -> ElectionReferenceData {
            var manifest: Manifest?
            if let data = files["manifest.json"] {
                do {
                    let m = try JSONDecoder().decode(Manifest.self, from: data)
                    if m.format != ElectionBundle.format || m.version != ElectionBundle.version {
                        problem("manifest.json", nil, "format", "must be \(ElectionBundle.format) version \(ElectionBundle.version)")
                    }
                    if SeatMethod(name: m.election.seatAllocationMethod) == nil {
                        problem("manifest.json", nil, "election.seatAllocationMethod", "not a seat allocation method Sala knows: \(m.election.seatAllocationMethod)")
                    }
                    if !Election.isWellFormedID(m.election.id) {
                        problem("manifest.json", nil, "election.id", "must be 1 to 64 letters, digits and hyphens: \(m.election.id.prefix(70))")
                    }
                    if !(-720...840).contains(m.election.utcOffsetMinutes) {
                        problem("manifest.json", nil, "election.utcOffsetMinutes", "not an offset from UTC in minutes (-720 to 840)")
                    }
                    if let (field, why) = ElectionDaySchedule.problem(of: m.election) {
                        problem("manifest.json", nil, field, why)
                    }
                    if let why = m.election.seatRules.problem {
                        problem("manifest.json", nil, "election.seatRules.thresholdPercent", why)
                    }
                    if m.election.reserveCandidates.lowerBound < 0 {
                        problem("manifest.json", nil, "election.reserveCandidates", "cannot be fewer than 0")
                    }
                    manifest = m
                } catch {
                    problem("manifest.json", nil, nil, "not a manifest as documented: \(error)")
                }
            } else {
                problem("manifest.json", nil, nil, "the file is missing")
            }

            let constituencies = readConstituencies()
            var seen = Set<String>()
            let provinces = Set(constituencies.map(\.id))

            var communes: [Commune] = []
            seen = []
            for (line, row) in rows("communes.csv") {
                let file = "communes.csv"
                let code = parsed(file, line, row, "code", "a six-digit code") { CommuneCode(rawValue: $0) }
                if let code {
                    unique(code.rawValue, &seen, file, line, "code")
                    if !provinces.contains(code.province) { problem(file, line, "code", "its constituency \(code.province) is not in constituencies.csv") }
                }
                var position: GeoPoint?
                if row["latitude"] != "" || row["longitude"] != "" {
                    if let lat = coordinate(file, line, row, "latitude", 90), let lon = coordinate(file, line, row, "longitude", 180) {
                        position = GeoPoint(latitude: lat, longitude: lon)
                    }
                }
                guard let code, let district = text(file, line, row, "district_code"), let en = text(file, line, row, "name_en"),
                      let km = text(file, line, row, "name_km"), let kind = text(file, line, row, "kind") else { continue }
                communes.append(Commune(
                    id: code, districtCode: district, districtName: row["district_name"] ?? "", nameEnglish: en, nameKhmer: km,
                    kind: kind, approximatePosition: position, districtNameKhmer: row["district_name_km"] ?? ""))
            }
            let communeCodes = Set(communes.map(\.id))

            var stations: [PollingStation] = []
            seen = []
            for (line, row) in rows("polling_stations.csv") {
                let file = "polling_stations.csv"
                let code = parsed(file, line, row, "code", "a nine-digit code") { StationCode(rawValue: $0) }
                if let code {
                    unique(code.rawValue, &seen, file, line, "code")
                    if !communeCodes.contains(code.commune) { problem(file, line, "code", "its commune \(code.commune) is not in communes.csv") }
                }
                let lat = coordinate(file, line, row, "latitude", 90), lon = coordinate(file, line, row, "longitude", 180)
                let voters = number(file, line, row, "registered_voters", 0...100_000)
                let access = ["ramp", "ground_floor", "assistance"].map { column in yesOrNo(file, line, row, column) }
                guard let code, let lat, let lon, let voters, let en = text(file, line, row, "name_en"),
                      let km = text(file, line, row, "name_km") else { continue }
                stations.append(PollingStation(
                    id: code, nameEnglish: en, nameKhmer: km, addressEnglish: row["address_en"] ?? "", addressKhmer: row["address_km"] ?? "",
                    position: GeoPoint(latitude: lat, longitude: lon), registeredVoters: voters,
                    accessibility: StationAccessibility(ramp: access[0], groundFloor: access[1], assistance: access[2])))
            }
            let stationCodes = Set(stations.map(\.id))

            var commissions: [Commission] = []
            var commissionLines: [Int] = []
            seen = []
            for (line, row) in rows("commissions.csv") {
                let file = "commissions.csv"
                let level = parsed(file, line, row, "level", "national, provincial, commune or polling-station") { CommissionLevel(rawValue: $0) }
                let unit: UnitCode? = level.flatMap { level in
                    let raw = row["unit_code"] ?? ""
                    let unit: UnitCode? = switch level {
                    case .national: raw.isEmpty ? .nation : nil
                    case .provincial: ProvinceCode(rawValue: raw).flatMap { provinces.contains($0) ? .province($0) : nil }
                    case .commune: CommuneCode(rawValue: raw).flatMap { communeCodes.contains($0) ? .commune($0) : nil }
                    case .pollingStation: StationCode(rawValue: raw).flatMap { stationCodes.contains($0) ? .station($0) : nil }
                    }
                    if unit == nil { problem(file, line, "unit_code", "not a \(level.rawValue) unit of this election: \(raw.prefix(20))") }
                    return unit
                }
                guard let id = text(file, line, row, "id") else { continue }
                unique(id, &seen, file, line, "id")
                guard let level, let unit, let en = text(file, line, row, "name_en"), let km = text(file, line, row, "name_km") else { continue }
                commissions.append(Commission(id: id, level: level, unitCode: unit, nameEnglish: en, nameKhmer: km))
                commissionLines.append(line)
            }
            let commissionIDs = Set(commissions.map(\.id))

            var members: [CommissionMember] = []
            var seats = Set<String>()
            var memberVoters = Set<VoterNumber>()
            var chairs = Set<String>()
            for (line, row) in rows("commission_members.csv") {
                let file = "commission_members.csv"
                let commission = text(file, line, row, "commission_id")
                if let commission, !commissionIDs.contains(commission) { problem(file, line, "commission_id", "\(commission) is not in commissions.csv") }
                let seat = number(file, line, row, "seat", 1...1_000)
                if let commission, let seat { unique("\(commission) seat \(seat)", &seats, file, line, "seat") }
                let role = parsed(file, line, row, "role", "chair, vice-chair or member") { CommissionRole(rawValue: $0) }
                let sex = parsed(file, line, row, "sex", "F or M") { Sex(rawValue: $0) }
                var voterNumber: VoterNumber?
                if row["voter_number"] != "" {
                    voterNumber = parsed(file, line, row, "voter_number", "a voter number (ten digits, check digit last)") { VoterNumber($0) }
                    if let voterNumber { unique(voterNumber, &memberVoters, file, line, "voter_number") }
                }
                if let commission, role == .chair, !chairs.insert(commission).inserted { problem(file, line, "role", "a second chair for \(commission)") }
                guard let commission, let seat, let role, let sex, let km = text(file, line, row, "name_km"),
                      let latin = text(file, line, row, "name_latin") else { continue }
                members.append(CommissionMember(
                    commissionID: commission, seat: seat, role: role, name: PersonName(khmer: km, latin: latin), sex: sex, voterNumber: voterNumber))
            }

            var sizes: [CommissionLevel: ClosedRange<Int>] = [:]
            for (line, row) in rows("commission_sizes.csv") {
                let file = "commission_sizes.csv"
                let level = parsed(file, line, row, "level", "national, provincial, commune or polling-station") { CommissionLevel(rawValue: $0) }
                let minimum = number(file, line, row, "minimum", 1...1_000), maximum = number(file, line, row, "maximum", 1...1_000)
                guard let level, let minimum, let maximum else { continue }
                if sizes[level] != nil { problem(file, line, "level", "\(level.rawValue) appears twice") }
                if maximum < minimum { problem(file, line, "maximum", "smaller than the minimum, \(minimum)") ; continue }
                sizes[level] = minimum...maximum
            }
            let memberCounts = Dictionary(grouping: members, by: \.commissionID).mapValues(\.count)
            // Only the largest size is checked here: a commission being formed (a new station's) may
            // have fewer members than its tier's smallest size, which binds removals.
            for (index, commission) in commissions.enumerated() {
                guard let allowed = sizes[commission.level] else { continue }
                let count = memberCounts[commission.id] ?? 0
                if count > allowed.upperBound {
                    problem("commissions.csv", commissionLines[index], "id",
                            "\(commission.id) has \(count) members; a \(commission.level.rawValue) commission has at most \(allowed.upperBound)")
                }
            }

            let parties = readParties(khmerNameRequired: true)
            let partyNumbers = Set(parties.map(\.id))

            var candidates: [Candidate] = []
            var places = Set<String>()
            var voters = Set<VoterNumber>()
            for (line, row) in rows("candidates.csv") {
                let file = "candidates.csv"
                let party = parsed(file, line, row, "party", "a ballot number from 1") { PartyNumber($0) }
                if let party, !partyNumbers.contains(party) { problem(file, line, "party", "party \(party) is not in parties.csv") }
                let constituency = parsed(file, line, row, "constituency", "a two-digit code") { ProvinceCode(rawValue: $0) }
                if let constituency, !provinces.contains(constituency) {
                    problem(file, line, "constituency", "\(constituency) is not in constituencies.csv")
                }
                let position = number(file, line, row, "position", 1...1_000)
                if let party, let constituency, let position { unique("party \(party) in \(constituency) at \(position)", &places, file, line, "position") }
                let sex = parsed(file, line, row, "sex", "F or M") { Sex(rawValue: $0) }
                let born = parsed(file, line, row, "date_of_birth", "a date YYYY-MM-DD") { CalendarDate(iso: $0) }
                var voterNumber: VoterNumber?
                if row["voter_number"] != "" {
                    voterNumber = parsed(file, line, row, "voter_number", "a voter number (ten digits, check digit last)") { VoterNumber($0) }
                    if let voterNumber { unique(voterNumber, &voters, file, line, "voter_number") }
                }
                guard let party, let constituency, let position, let sex, let born, let km = text(file, line, row, "name_km"),
                      let latin = text(file, line, row, "name_latin") else { continue }
                candidates.append(Candidate(
                    partyID: party, constituencyCode: constituency, listPosition: position, name: PersonName(khmer: km, latin: latin),
                    sex: sex, dateOfBirth: born, voterNumber: voterNumber))
            }

            var calendar: [CalendarEntry] = []
            var milestones = Set<Milestone>()
            for (line, row) in rows("calendar.csv") {
                let file = "calendar.csv"
                let milestone = parsed(file, line, row, "milestone", "a milestone (\(Milestone.allCases.map(\.rawValue).joined(separator: ", ")))") {
                    Milestone(rawValue: $0)
                }
                let opens = parsed(file, line, row, "opens", "a date YYYY-MM-DD") { CalendarDate(iso: $0) }
                let closes = parsed(file, line, row, "closes", "a date YYYY-MM-DD") { CalendarDate(iso: $0) }
                guard let milestone, let opens, let closes else { continue }
                unique(milestone, &milestones, file, line, "milestone")
                if closes < opens { problem(file, line, "closes", "before the milestone opens, \(opens)") }
                if milestone == .polling, let day = manifest?.election.electionDay, opens != day || closes != day {
                    problem(file, line, "opens", "polling must be the election day, \(day)")
                }
                let entry = CalendarEntry(milestone: milestone, opens: opens, closes: closes)
                calendar.append(entry)
            }

            var outlines: [String: String] = [:]
            for path in files.keys.sorted() where path.hasPrefix("boundaries/") {
                let code = String(path.dropFirst("boundaries/".count).dropLast(".geojson".count))
                guard path.hasSuffix(".geojson"), let province = ProvinceCode(rawValue: code), provinces.contains(province) else {
                    problem(path, nil, nil, "a boundary must be named boundaries/<constituency code>.geojson, for a constituency of the election")
                    continue
                }
                let text = String(decoding: files[path]!, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                // The one GeoJSON reader takes features: the geometry is wrapped as one.
                let wrapped = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"c"},"geometry":"# + text + "}]}"
                guard (try? GeoJSON.areaShapes(from: Data(wrapped.utf8), codeProperty: "code") { $0 }) != nil else {
                    problem(path, nil, nil, "not a GeoJSON Polygon or MultiPolygon geometry")
                    continue
                }
                outlines[code] = text
            }

            if let m = manifest {
                let total = constituencies.reduce(0) { $0 + $1.seats }
                if total != m.election.seats { problem("constituencies.csv", nil, "seats", "the seats add up to \(total); the manifest says \(m.election.seats)") }
            }
            guard problems.isEmpty, let manifest else { throw Problems(all: problems) }
            return ElectionReferenceData(
                election: manifest.election, constituencies: constituencies, outlines: outlines, communes: communes,
                pollingStations: stations, commissions: commissions, commissionMembers: members, parties: parties,
                candidates: candidates, calendar: calendar, commissionSizes: sizes, provenance: manifest.provenance)
        }
    }
}
