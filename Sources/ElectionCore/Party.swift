/// A registered political party standing in the election.
public struct Party: Sendable, Hashable, Codable, Identifiable {
    /// Position on the ballot paper, from 1.
    public var id: PartyNumber
    public var nameEnglish: String
    public var nameKhmer: String
    /// Short name, e.g. `CPP`; empty when the party has none.
    public var abbreviation: String

    public init(id: PartyNumber, nameEnglish: String, nameKhmer: String, abbreviation: String) {
        self.id = id
        self.nameEnglish = nameEnglish
        self.nameKhmer = nameKhmer
        self.abbreviation = abbreviation
    }
}

/// A person on a party's closed list in one constituency.
public struct Candidate: Sendable, Hashable, Codable {
    public var partyID: PartyNumber
    public var constituencyCode: ProvinceCode
    /// Rank on the list, from 1; seats go to the list in this order.
    public var listPosition: Int
    public var name: PersonName
    public var sex: Sex
    public var dateOfBirth: CalendarDate
    /// The candidate's entry on the register, for a list submitted through Sala (lists loaded from
    /// a bundle may not have it). Never shown to the public.
    public var voterNumber: VoterNumber?

    public init(
        partyID: PartyNumber, constituencyCode: ProvinceCode, listPosition: Int, name: PersonName, sex: Sex,
        dateOfBirth: CalendarDate, voterNumber: VoterNumber? = nil
    ) {
        self.partyID = partyID
        self.constituencyCode = constituencyCode
        self.listPosition = listPosition
        self.name = name
        self.sex = sex
        self.dateOfBirth = dateOfBirth
        self.voterNumber = voterNumber
    }
}
