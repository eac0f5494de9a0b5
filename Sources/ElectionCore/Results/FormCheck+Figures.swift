extension FormCheck {
    /// A figure a finding states: a count, or a share shown as a percentage.
    public enum Figure: Sendable, Hashable {
        case count(Int)
        case share(Rational)
    }

    /// The figures that show how `counts` break this check, by the names its message uses
    /// ("invalid ballots are {share} of the ballots in the box ({invalid} of {box})"), so that an
    /// official reads the problem, not only the rule. Empty for checks whose message needs none.
    public func figures(_ c: ResultCounts, _ context: FormContext) -> [String: Figure] {
        let share = { (part: Int, whole: Int) in Figure.share(whole == 0 ? Rational(0) : Rational(part, whole)) }
        switch id {
        case "F03":
            return ["valid": .count(c.validVotes), "invalid": .count(c.invalidBallots),
                    "sum": .count(c.validVotes + c.invalidBallots), "box": .count(c.ballotsInBox)]
        case "F04":
            return ["box": .count(c.ballotsInBox), "issued": .count(c.ballotsIssued)]
        case "F05":
            return ["issued": .count(c.ballotsIssued), "unused": .count(c.unusedBallots), "spoiled": .count(c.spoiledBallots),
                    "sum": .count(c.ballotsIssued + c.unusedBallots + c.spoiledBallots), "received": .count(c.ballotsReceived)]
        case "F06":
            return ["issued": .count(c.ballotsIssued), "registered": .count(c.registeredVoters)]
        case "F07":
            return ["most": .count(c.votes.values.max() ?? 0), "box": .count(c.ballotsInBox)]
        case "F08":
            return ["turnout": share(c.ballotsIssued, c.registeredVoters), "issued": .count(c.ballotsIssued),
                    "registered": .count(c.registeredVoters)]
        case "F09":
            return ["share": share(c.invalidBallots, c.ballotsInBox), "invalid": .count(c.invalidBallots), "box": .count(c.ballotsInBox)]
        case "F10":
            let missing = c.ballotsIssued - c.ballotsInBox
            return ["missing": .count(missing), "issued": .count(c.ballotsIssued), "share": share(missing, c.ballotsIssued)]
        case "F11":
            return ["registered": .count(c.registeredVoters)]
        case "F12":
            return ["registered": .count(c.registeredVoters), "onList": .count(context.registeredOnList)]
        default:
            return [:]
        }
    }
}
