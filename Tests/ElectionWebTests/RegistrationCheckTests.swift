import ElectionCore
import ElectionTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import ElectionWeb
import Testing

/// The public registration check answers one voter's question with one station, and nothing more.
@Suite struct RegistrationCheckTests {
    /// A voter whose name and date of birth no other voter shares, and their station.
    static func uniqueVoter() async throws -> (Voter, PollingStation) {
        let voters = try await TestDatabases.register()
        let voter = try #require(voters.last { v in
            voters.filter { $0.dateOfBirth == v.dateOfBirth && NameKey.of($0.name.khmer) == NameKey.of(v.name.khmer) }.count == 1
        })
        let station = try #require(TestDatabases.scenario.reference.pollingStations.first { $0.id == voter.stationCode })
        return (voter, station)
    }

    @Test func byNumberShowsTheStationAndNoPersonalData() async throws {
        let (voter, station) = try await Self.uniqueVoter()
        try await PortalTestApp.run { client in
            let reply = try await client.postForm("/en/registration", [("voter_number", voter.number.description)])
            #expect(reply.status == .ok)
            #expect(reply.body.contains("id=\"registration-result\""))
            #expect(reply.body.contains("<p class=\"station-name\">\(escaped(station.nameEnglish))</p>"))
            #expect(reply.body.contains("href=\"/en/stations/\(station.id)\""))
            #expect(!reply.body.contains(escaped(voter.name.latin)))
            #expect(!reply.body.contains(voter.name.khmer))
            #expect(!reply.body.contains(voter.dateOfBirth.iso))
            let khmer = try await client.postForm("/km/registration", [("voter_number", voter.number.description)])
            #expect(khmer.body.contains("<p class=\"station-name\">\(escaped(station.nameKhmer))</p>"))
        }
    }

    @Test func byKhmerNameTypedWithZeroWidthSpaces() async throws {
        let (voter, station) = try await Self.uniqueVoter()
        let typed = voter.name.khmer.replacingOccurrences(of: " ", with: "\u{200B}")
        try await PortalTestApp.run { client in
            let reply = try await client.postForm(
                "/en/registration", [("name", typed), ("date_of_birth", voter.dateOfBirth.iso)])
            #expect(reply.body.contains("<p class=\"station-name\">\(escaped(station.nameEnglish))</p>"))
        }
    }

    @Test func aPartialNameIsNotConfirmed() async throws {
        let (voter, station) = try await Self.uniqueVoter()
        let given = String(voter.name.latin.split(separator: " ").dropFirst().joined(separator: " "))
        try await PortalTestApp.run { client in
            let reply = try await client.postForm(
                "/en/registration", [("name", given), ("date_of_birth", voter.dateOfBirth.iso)])
            #expect(reply.status == .ok)
            #expect(reply.body.contains("id=\"registration-not-found\""))
            #expect(!reply.body.contains(escaped(station.nameEnglish)))
        }
    }

    @Test(arguments: [
        ([("voter_number", "12ab")], "voter_number", "Voter number must be 10 digits"),
        ([("voter_number", "1000000001")], "voter_number", "Voter number must be 10 digits"),
        ([("name", "Sok Dara")], "date_of_birth", "Date of birth is required."),
        ([("name", "Sok Dara"), ("date_of_birth", "2023-02-30")], "date_of_birth", "Date of birth must be a real date"),
        ([("name", "Sok Dara"), ("date_of_birth", "2999-01-01")], "date_of_birth", "Date of birth must be a real date"),
        ([("name", "S"), ("date_of_birth", "1990-01-01")], "name", "Full name must be a full name"),
        ([], "voter_number", "Voter number is required."),
        ([("voter_number", "1000000009"), ("name", "Sok Dara")], "", "Ask either by voter number"),
    ])
    func badInputIsRefusedNamingTheField(fields: [(String, String)], field: String, message: String) async throws {
        try await PortalTestApp.run { client in
            let reply = try await client.postForm("/en/registration", fields)
            #expect(reply.status == .badRequest)
            #expect(reply.body.contains("role=\"alert\""))
            #expect(reply.body.contains(message))
            if !field.isEmpty { #expect(reply.body.contains("name=\"\(field)\"")) }
            #expect(!reply.body.contains("registration-result"))
        }
    }

    @Test func errorsAreInKhmerOnKhmerPages() async throws {
        try await PortalTestApp.run { client in
            let reply = try await client.postForm("/km/registration", [("voter_number", "12ab")])
            #expect(reply.status == .badRequest)
            #expect(reply.body.contains("លេខអ្នកបោះឆ្នោត ត្រូវតែជាលេខ ១០ ខ្ទង់"))
        }
    }
}

@Suite struct LookupLimitTests {
    @Test func aClientThatSweepsTheRegisterIsStopped() async throws {
        // The portal's clock stands still: however slow the machine, the questions fall in one minute.
        let noon = Date(timeIntervalSince1970: 1_690_088_400)
        try await PortalTestApp.run(registrationChecks: LookupShares(perClient: 3), clock: PortalClock { noon }) { client in
            for _ in 0..<3 {
                #expect(try await client.postForm("/en/registration", [("voter_number", "1000000008")]).status == .ok)
            }
            let page = try await client.postForm("/km/registration", [("voter_number", "1000000008")])
            #expect(page.status == .tooManyRequests)
            #expect(page.body.contains("មានសំណើច្រើនពេក"))
            #expect(page.headers[.retryAfter] == "60")
            let api = try await client.postJSON("/api/v1/registration", #"{"voterNumber": "1000000008"}"#)
            #expect(api.status == .tooManyRequests)
            #expect(api.headers[.retryAfter] == "60")
            // Browsing is not limited.
            #expect(try await client.get("/en/stations").status == .ok)
        }
    }
}
