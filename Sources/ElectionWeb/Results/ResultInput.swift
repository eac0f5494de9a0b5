import ElectionCore
import Foundation

/// Reads a result form as typed into the page or sent as JSON. Every field of the count protocol
/// and one line per party on the ballot are required; each must be a whole number from 0.
enum ResultInput {
    /// The largest count Sala takes in one field: more than any polling station's ballots.
    static let maximumCount = 1_000_000

    /// From form fields named as ``ResultCounts/fieldNames`` and `votes.N` for party N.
    static func counts(_ fields: [String: String], ballot: [PartyNumber]) throws -> ResultCounts {
        func count(_ field: String, label: String? = nil) throws -> Int {
            let text = fields[field]?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !text.isEmpty else { throw InputError(field: field, reason: "missing", label: label) }
            guard text.count <= 7, let n = Int(text), (0...maximumCount).contains(n) else {
                throw InputError(field: field, reason: "count", label: label)
            }
            return n
        }
        for key in fields.keys where key.hasPrefix(votesPrefix) {
            guard let party = party(inField: key), ballot.contains(party) else {
                throw InputError(field: key, reason: "not_on_ballot", label: "votes")
            }
        }
        var votes: [PartyNumber: Int] = [:]
        for party in ballot { votes[party] = try count("votes.\(party)", label: "votes") }
        return ResultCounts(
            registeredVoters: try count("registeredVoters"), ballotsReceived: try count("ballotsReceived"),
            ballotsIssued: try count("ballotsIssued"), ballotsInBox: try count("ballotsInBox"),
            spoiledBallots: try count("spoiledBallots"), unusedBallots: try count("unusedBallots"),
            invalidBallots: try count("invalidBallots"), votes: votes)
    }

    static let votesPrefix = "votes."

    /// The party of a `votes.N` field, or nil for any other field.
    static func party(inField field: String) -> PartyNumber? {
        field.hasPrefix(votesPrefix) ? PartyNumber(field.dropFirst(votesPrefix.count)) : nil
    }

    /// The JSON body of an entry or resolution: the form's fields, `votes` as an object of ballot
    /// number → votes, and the `version` the official was looking at.
    struct Body: Decodable {
        // Numbers are read as JSON numbers of any kind, so that 1.5 is refused by its field's
        // name here rather than as an undecodable body.
        var version: Double?
        var registeredVoters: Double?
        var ballotsReceived: Double?
        var ballotsIssued: Double?
        var ballotsInBox: Double?
        var spoiledBallots: Double?
        var unusedBallots: Double?
        var invalidBallots: Double?
        var votes: [String: Double]?

        /// The fields as the page would send them; a number that is not whole stays as written
        /// and is refused by ``ResultInput/counts(_:ballot:)``.
        var fields: [String: String] {
            func text(_ n: Double) -> String {
                n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : String(n)
            }
            var fields: [String: String] = [:]
            let values = [registeredVoters, ballotsReceived, ballotsIssued, ballotsInBox, spoiledBallots, unusedBallots, invalidBallots]
            for (name, value) in zip(ResultCounts.fieldNames, values) { fields[name] = value.map(text) }
            for (party, n) in votes ?? [:] { fields["votes.\(party)"] = text(n) }
            return fields
        }

        var versionText: String? {
            version.map { $0.rounded() == $0 && abs($0) < 1e15 ? String(Int($0)) : String($0) }
        }
    }

    /// The version the official was looking at.
    static func version(_ text: String?) throws -> Int {
        guard let text, let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 1 else {
            throw InputError(field: "version", reason: "number")
        }
        return n
    }
}
