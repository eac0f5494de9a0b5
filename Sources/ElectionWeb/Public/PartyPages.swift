import ElectionCore
import Hummingbird

/// The parties, with the count of women candidates by party and province.
struct PartiesPage: Sendable {
    struct PartyRow: Sendable {
        let ballot: String
        let link: Link
        let abbreviation: String
        let candidates: String
        let women: String
    }
    struct WomenRow: Sendable {
        let province: String
        let cells: [String]
        let women: String
        let candidates: String
    }
    let parties: [PartyRow]
    let partyHeaders: [String]
    let women: [WomenRow]
    let totalWomen: String
    let totalCandidates: String
    /// The ballot order as last drawn, with its seed, so anyone can draw again.
    let draw: String?
    /// The NEC's decisions on applications, newest first.
    let decisions: [Decision]

    struct Decision: Sendable {
        let name: String
        let status: String
        let reason: String
    }
}

/// One party's lists, one per province.
struct PartyPage: Sendable {
    let name: String
    let ballot: String
    let lists: [Link]
}

/// One closed list in one province, in rank order.
struct CandidateListPage: Sendable {
    struct Row: Sendable {
        let position: String
        let name: String
        let sex: String
        let age: String
        let reserve: Bool
    }
    let heading: String
    let seatsNote: String
    let party: Link
    let rows: [Row]
    /// Who last submitted the list through Sala, and when.
    let submitted: String?
    /// Withdrawals and replacements since, oldest first.
    let changes: [String]
}

extension PublicPages {
    func parties(_ language: Language) async throws -> Response {
        let l = language.rawValue
        let draws = try await store.ballotDraws()
        // In ballot order once it is drawn (the ballot column is then the position on the paper);
        // by party number before.
        let parties = try await {
            let registered = try await store.parties()
            guard let drawn = draws.last?.order else { return registered }
            let byNumber = Dictionary(uniqueKeysWithValues: registered.map { ($0.id, $0) })
            return BallotDraw.ballotOrder(of: registered.map(\.id), drawn: drawn).compactMap { byNumber[$0] }
        }()
        let provinces = try await store.constituencies()
        let counts = try await store.womenCandidateCounts()
        let election = try await store.election()
        let n = language.number
        func total(_ party: PartyNumber?, _ province: ProvinceCode?, _ key: KeyPath<WomenCandidateCount, Int>) -> Int {
            counts.filter { (party == nil || $0.partyID == party) && (province == nil || $0.constituencyCode == province) }
                .reduce(0) { $0 + $1[keyPath: key] }
        }
        let model = PartiesPage(
            parties: parties.enumerated().map { index, p in
                .init(ballot: n(draws.isEmpty ? p.id.rawValue : index + 1), link: Link(href: "/\(l)/parties/\(p.id)", label: language.pick(p.nameEnglish, p.nameKhmer)),
                      abbreviation: p.abbreviation, candidates: n(total(p.id, nil, \.candidates)), women: n(total(p.id, nil, \.women)))
            },
            partyHeaders: parties.map { $0.abbreviation.isEmpty ? n($0.id.rawValue) : $0.abbreviation },
            women: provinces.map { province in
                .init(province: language.pick(province.nameEnglish, province.nameKhmer),
                      cells: parties.map { n(total($0.id, province.id, \.women)) },
                      women: n(total(nil, province.id, \.women)), candidates: n(total(nil, province.id, \.candidates)))
            },
            totalWomen: n(total(nil, nil, \.women)), totalCandidates: n(total(nil, nil, \.candidates)),
            draw: draws.last.map { record in
                language.text("parties.draw").replacingOccurrences(of: "{seed}", with: String(record.draw.seed))
                    .replacingOccurrences(of: "{date}", with: language.longDate(election.localDay(at: record.drawnAt)))
                    .replacingOccurrences(of: "{order}", with: record.order.map { n($0.rawValue) }.joined(separator: ", "))
            },
            decisions: try await store.partyApplications().filter { $0.status != .pending }.map {
                .init(name: language.pick($0.nameEnglish, $0.nameKhmer), status: language.text(KeyFamilies.applicationStatus, $0.status),
                      reason: $0.decisionReason ?? "")
            })
        return page("parties", language.text("parties.title"), model, language, "/parties")
    }

    func party(_ id: PartyNumber, _ language: Language) async throws -> Response {
        let party = try await store.party(id)
        let provinces = try await store.constituencies()
        let counts = try await store.womenCandidateCounts().filter { $0.partyID == id }
        let l = language.rawValue
        let model = PartyPage(
            name: language.pick(party.nameEnglish, party.nameKhmer), ballot: language.number(party.id.rawValue),
            lists: provinces.compactMap { province in
                guard let count = counts.first(where: { $0.constituencyCode == province.id }) else { return nil }
                return Link(href: "/\(l)/parties/\(id)/\(province.id)", label: language.pick(province.nameEnglish, province.nameKhmer),
                            detail: "\(language.number(count.candidates)) \(language.text("candidates.count")), \(language.number(count.women)) \(language.text("candidates.women"))")
            })
        return page("party", model.name, model, language, "/parties/\(id)")
    }

    func candidateList(_ partyID: PartyNumber, _ provinceCode: ProvinceCode, _ language: Language) async throws -> Response {
        let party = try await store.party(partyID)
        let province = try await store.constituency(provinceCode)
        let election = try await store.election()
        let candidates = try await store.candidates(party: partyID, constituency: provinceCode)
        let partyName = language.pick(party.nameEnglish, party.nameKhmer)
        let provinceName = language.pick(province.nameEnglish, province.nameKhmer)
        let model = CandidateListPage(
            heading: language.text("candidates.list_of").replacingOccurrences(of: "{party}", with: partyName)
                .replacingOccurrences(of: "{province}", with: provinceName),
            seatsNote: language.text("candidates.seats_note").replacingOccurrences(of: "{province}", with: provinceName)
                .replacingOccurrences(of: "{n}", with: language.number(province.seats)),
            party: Link(href: "/\(language.rawValue)/parties/\(partyID)", label: partyName),
            rows: candidates.map {
                .init(position: language.number($0.listPosition), name: language.pick($0.name.latin, $0.name.khmer),
                      sex: language.text(KeyFamilies.sex, $0.sex),
                      age: language.number($0.dateOfBirth.age(on: election.electionDay)),
                      reserve: $0.listPosition > province.seats)
            },
            submitted: try await store.lastSubmission(party: partyID, constituency: provinceCode).map { by, at in
                language.text("candidates.submitted").replacingOccurrences(of: "{who}", with: by)
                    .replacingOccurrences(of: "{date}", with: language.longDate(election.localDay(at: at)))
            },
            changes: try await store.candidateChanges(party: partyID, constituency: provinceCode).map { change in
                language.text(KeyFamilies.candidateChange, change.kind)
                    .replacingOccurrences(of: "{n}", with: language.number(change.position))
                    .replacingOccurrences(of: "{former}", with: language.pick(change.former.latin, change.former.khmer))
                    .replacingOccurrences(of: "{replacement}", with: change.replacement.map { language.pick($0.latin, $0.khmer) } ?? "")
                    .replacingOccurrences(of: "{date}", with: language.longDate(election.localDay(at: change.recordedAt)))
                    + " " + change.reason
            })
        return page("candidates", model.heading, model, language, "/parties/\(partyID)/\(provinceCode)")
    }
}
