/// How seats are shared among lists in one constituency.
public enum SeatMethod: Sendable, Hashable {
    /// Divisors 1, 2, 3, …: each seat to the highest votes / (seats won + 1).
    case dHondt
    /// Cambodia's "highest average" as the law words it (LEMNA 2015, Art. 135): first one seat per
    /// full quota (valid votes / seats), then each remaining seat to the highest votes / (seats won + 1).
    case cambodia
    /// Divisors 1, 3, 5, ….
    case sainteLague
    /// Divisors f, 3, 5, … with the first divisor f (1.4 in Norway and Sweden).
    case modifiedSainteLague(firstDivisor: Rational)
    /// One seat per full quota, the rest by the largest remainders.
    case largestRemainder(Quota)
    /// Huntington-Hill, for apportioning a house: priority votes / √(s(s+1)), compared exactly as
    /// votes² / (s(s+1)). Every constituency needs at least one seat (`minimum` ≥ 1).
    case huntingtonHill

    /// The quota of a largest-remainder method.
    public enum Quota: String, Sendable, Hashable, CaseIterable {
        /// votes / seats
        case hare
        /// floor(votes / (seats + 1)) + 1
        case droop
        /// votes / (seats + 1)
        case hagenbachBischoff = "hagenbach-bischoff"
        /// votes / (seats + 2)
        case imperiali

        /// The quota, not in lowest terms.
        func value(votes: Int, seats: Int) -> Rational {
            switch self {
            case .hare: Rational(unreduced: votes, seats)
            case .droop: Rational(unreduced: votes / (seats + 1) + 1, 1)
            case .hagenbachBischoff: Rational(unreduced: votes, seats + 1)
            case .imperiali: Rational(unreduced: votes, seats + 2)
            }
        }
    }

    /// Whether each seat a list wins lowers its priority or leaves it: not so with a first
    /// divisor above 3 (or not above 0).
    var prioritiesFall: Bool {
        guard case .modifiedSainteLague(let first) = self else { return true }
        return first > Rational(0) && first <= Rational(3)
    }

    /// The priority of a list with `votes` that has won `seats` seats, for the divisor methods:
    /// the next seat goes to the highest.
    func priority(votes: Int, afterSeats seats: Int) -> Rational {
        switch self {
        case .dHondt, .cambodia, .largestRemainder: Rational(unreduced: votes, seats + 1)
        case .sainteLague: Rational(unreduced: votes, 2 * seats + 1)
        case .modifiedSainteLague(let first):
            seats == 0 ? Rational(unreduced: votes * first.denominator, first.numerator) : Rational(unreduced: votes, 2 * seats + 1)
        case .huntingtonHill:
            // `minimum` ≥ 1 is enforced, so seats is never 0 here.
            Rational(unreduced: votes * votes, seats * (seats + 1))
        }
    }
}
