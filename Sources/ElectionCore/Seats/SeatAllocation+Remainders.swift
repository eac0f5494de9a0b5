extension SeatAllocation {
    /// One seat per full quota, then the remaining seats to the largest remainders.
    func largestRemainders(quota kind: SeatMethod.Quota, tally: inout Tally) {
        var freeVotes = 0
        for i in contestants.indices where tally.lists[i].eligible {
            tally.lists[i].free = true
            freeVotes += contestants[i].votes
        }
        var quota = kind.value(votes: freeVotes, seats: seats)
        if minimum > 0 {
            // Those whose share falls short are held at the minimum, and the quota is worked out
            // again over the others and the seats left, until no one else falls short.
            var held = 0
            while true {
                let short = contestants.indices.filter { i in
                    let share = quota.numerator == 0
                        ? Rational(0) : Rational(unreduced: contestants[i].votes * quota.denominator, quota.numerator)
                    return tally.lists[i].free && share < Rational(minimum)
                }
                if short.isEmpty { break }
                for i in short {
                    tally.lists[i].free = false
                    freeVotes -= contestants[i].votes
                }
                held += short.count
                quota = kind.value(votes: freeVotes, seats: max(seats - minimum * held, 1))
            }
            for i in contestants.indices where tally.lists[i].eligible && !tally.lists[i].free {
                tally.award(i, tally.limited(i, minimum), .minimum, Rational(unreduced: minimum, 1))
            }
        }
        // Each share is votes × the quota's denominator over its numerator: with one denominator
        // for all, remainders compare by their numerators, which are the keys.
        let denominator = quota.numerator == 0 ? 1 : quota.numerator
        for i in contestants.indices where tally.lists[i].free {
            let exact = quota.numerator == 0 ? 0 : contestants[i].votes * quota.denominator
            let full = tally.limited(i, exact / denominator)
            if full > 0 { tally.award(i, full, .quota, Rational(unreduced: exact, denominator)) }
            tally.lists[i].value = Rational(unreduced: exact - full * denominator, denominator)
        }
        var remaining = seats - tally.awarded
        // A small quota (Imperiali) can give more full quotas than seats: the lists with the
        // smallest remainders give them back.
        while remaining < 0 {
            let holders = contestants.indices.filter { tally.lists[$0].free && tally.won[$0] > 0 }
            guard let smallest = holders.map({ tally.lists[$0].value.numerator }).min() else { break }
            let tied = holders.filter { tally.lists[$0].value.numerator == smallest }
            guard tied.count == 1 else {
                tally.tie = .init(contestants: tied.map { contestants[$0].name }.sorted(), seats: -remaining)
                return
            }
            tally.award(tied[0], -1, .overQuota, tally.lists[tied[0]].value)
            remaining += 1
        }
        // One remainder seat at most per list.
        for i in contestants.indices where tally.lists[i].free && tally.canWin(i) { tally.lists[i].key = tally.lists[i].value.numerator }
        while remaining > 0 {
            let (best, first, shared) = tally.highestKey()
            guard best >= 0 else {
                tally.unfilled = remaining
                return
            }
            let value = tally.lists[first].value
            guard shared else {
                tally.award(first, 1, .remainder, value)
                tally.lists[first].key = -1
                remaining -= 1
                continue
            }
            let tied = tally.lists(withKey: best)
            guard tied.count <= remaining else {
                settle(tied, seats: remaining, value: value.reduced, tally: &tally)
                return
            }
            for i in tied {
                tally.award(i, 1, .remainder, value)
                tally.lists[i].key = -1
            }
            remaining -= tied.count
        }
    }
}
