/// One numbered rule a result form must meet. The catalogue is ``FormCheck/catalogue``; it is
/// documented for officials in `docs/result-form-checks.md`.
public struct FormCheck: Sendable, Hashable, Identifiable {
    /// Whether a form that fails the check can be accepted.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The form cannot be accepted: the paper form itself is wrong and must be corrected.
        case error
        /// The form is accepted only when a second official acknowledges the finding.
        case warning
    }

    /// `F01`, `F02`, …: shown to officials next to the finding.
    public var id: String
    public var severity: Severity
    /// What the check requires, in English (translations live with the pages).
    public var rule: String
    /// The form fields it concerns, for pointing at them.
    public var fields: [String]
    let holds: @Sendable (ResultCounts, FormContext) -> Bool

    public static func == (a: FormCheck, b: FormCheck) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// Every check, in number order.
    public static let catalogue: [FormCheck] = [
        FormCheck(id: "F01", severity: .error, rule: "No figure is negative.", fields: ResultCounts.fieldNames + ["votes"]) { c, _ in
            ResultCounts.fieldNames.allSatisfy { (c.value(of: $0) ?? 0) >= 0 } && c.votes.values.allSatisfy { $0 >= 0 }
        },
        FormCheck(id: "F02", severity: .error, rule: "Every party on the ballot has a line, and no other party does.", fields: ["votes"]) { c, context in
            Set(c.votes.keys) == Set(context.ballot)
        },
        FormCheck(id: "F03", severity: .error, rule: "Valid votes plus invalid ballots equal the ballots in the box.", fields: ["votes", "invalidBallots", "ballotsInBox"]) { c, _ in
            c.validVotes + c.invalidBallots == c.ballotsInBox
        },
        FormCheck(id: "F04", severity: .error, rule: "Ballots in the box are not more than ballots issued.", fields: ["ballotsInBox", "ballotsIssued"]) { c, _ in
            c.ballotsInBox <= c.ballotsIssued
        },
        FormCheck(id: "F05", severity: .error, rule: "Ballots issued plus unused plus spoiled equal ballots received.", fields: ["ballotsIssued", "unusedBallots", "spoiledBallots", "ballotsReceived"]) { c, _ in
            c.ballotsIssued + c.unusedBallots + c.spoiledBallots == c.ballotsReceived
        },
        FormCheck(id: "F06", severity: .error, rule: "Ballots issued are not more than registered voters.", fields: ["ballotsIssued", "registeredVoters"]) { c, _ in
            c.ballotsIssued <= c.registeredVoters
        },
        FormCheck(id: "F07", severity: .error, rule: "No party has more votes than there are ballots in the box.", fields: ["votes", "ballotsInBox"]) { c, _ in
            c.votes.values.allSatisfy { $0 <= c.ballotsInBox }
        },
        FormCheck(id: "F08", severity: .warning, rule: "Turnout (ballots issued / registered voters) is not above 95%.", fields: ["ballotsIssued", "registeredVoters"]) { c, _ in
            c.ballotsIssued * 100 <= c.registeredVoters * 95
        },
        FormCheck(id: "F09", severity: .warning, rule: "Invalid ballots are not more than 10% of the ballots in the box.", fields: ["invalidBallots", "ballotsInBox"]) { c, _ in
            c.invalidBallots * 10 <= c.ballotsInBox
        },
        FormCheck(id: "F10", severity: .warning, rule: "No more than 1% of ballots issued (and at least 2) are missing from the box.", fields: ["ballotsIssued", "ballotsInBox"]) { c, _ in
            let missing = c.ballotsIssued - c.ballotsInBox
            return missing < 2 || missing * 100 <= c.ballotsIssued
        },
        FormCheck(id: "F11", severity: .warning, rule: "At a station with registered voters, some ballots were cast.", fields: ["ballotsInBox"]) { c, _ in
            c.registeredVoters == 0 || c.ballotsInBox > 0
        },
        FormCheck(id: "F12", severity: .warning, rule: "Registered voters equal the station's list in the register.", fields: ["registeredVoters"]) { c, context in
            c.registeredVoters == context.registeredOnList
        },
    ]

    /// The checks a form fails, in number order.
    public static func findings(for counts: ResultCounts, in context: FormContext) -> [FormCheck] {
        catalogue.filter { !$0.holds(counts, context) }
    }

    /// The check with this number, if there is one.
    public static func named(_ id: String) -> FormCheck? { catalogue.first { $0.id == id } }
}

/// What a form is checked against besides its own figures.
public struct FormContext: Sendable, Hashable {
    /// Ballot numbers of the parties standing at the station.
    public var ballot: [PartyNumber]
    /// Voters the register assigns to the station.
    public var registeredOnList: Int

    public init(ballot: [PartyNumber], registeredOnList: Int) {
        self.ballot = ballot
        self.registeredOnList = registeredOnList
    }
}
