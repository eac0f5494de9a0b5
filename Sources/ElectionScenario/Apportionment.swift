/// Shares a whole number among parts in proportion to integer weights, exactly (largest remainder,
/// ties to the earlier part), so generated totals add up to the published figures.
///
/// Not `SeatAllocation`: generation needs a tie always settled by position (equal weights are
/// common), a minimum given first and the rest shared by weight, and speed over tens of thousands
/// of parts, where the election rule reports ties and traces every step.
enum Apportionment {
    static func largestRemainder(_ total: Int, weights: [Int], minimum: Int = 0) -> [Int] {
        precondition(!weights.isEmpty && weights.allSatisfy { $0 >= 0 })
        precondition(total >= minimum * weights.count, "total too small for the minimum")
        let rest = total - minimum * weights.count
        let sum = weights.reduce(0, +)
        guard sum > 0 else {
            // Equal shares when no part has weight.
            return weights.indices.map { minimum + rest / weights.count + ($0 < rest % weights.count ? 1 : 0) }
        }
        var shares = weights.map { rest.multipliedFullWidth(by: $0) }
            .map { sum.dividingFullWidth($0) }
        var given = shares.reduce(0) { $0 + $1.quotient }
        let order = weights.indices.sorted { (shares[$0].remainder, -$0) > (shares[$1].remainder, -$1) }
        var index = 0
        while given < rest {
            shares[order[index]].quotient += 1
            given += 1
            index += 1
        }
        return shares.map { minimum + $0.quotient }
    }

    /// Like ``largestRemainder(_:weights:minimum:)`` but no part gets more than its cap: what a
    /// part would get above its cap goes to the parts with room, in proportion to their weights.
    static func largestRemainder(_ total: Int, weights: [Int], caps: [Int]) -> [Int] {
        precondition(weights.count == caps.count && total <= caps.reduce(0, +), "more to share than the caps allow")
        var shares = Array(repeating: 0, count: weights.count)
        var rest = total
        while rest > 0 {
            let room = caps.indices.filter { shares[$0] < caps[$0] }
            let part = largestRemainder(rest, weights: room.map { weights[$0] > 0 ? weights[$0] : 1 })
            rest = 0
            for (index, share) in zip(room, part) {
                let given = min(share, caps[index] - shares[index])
                shares[index] += given
                rest += share - given
            }
        }
        return shares
    }
}
