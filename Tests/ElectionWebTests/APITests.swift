import ElectionCore
import ElectionTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct APITests {
    let reference = TestDatabases.scenario.reference

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func registrationLookupAnswersWithOneStation() async throws {
        let (voter, station) = try await RegistrationCheckTests.uniqueVoter()
        try await PortalTestApp.run { client in
            let byNumber = try await client.postJSON("/api/v1/registration", #"{"voterNumber": "\#(voter.number)"}"#)
            #expect(byNumber.status == .ok)
            let body = try json(byNumber.body)
            #expect(body["status"] as? String == "registered")
            #expect((body["pollingStation"] as? [String: Any])?["id"] as? String == station.id.rawValue)
            #expect(!byNumber.body.contains(voter.name.latin))
            let byName = try await client.postJSON(
                "/api/v1/registration", #"{"name": "\#(voter.name.khmer)", "dateOfBirth": "\#(voter.dateOfBirth.iso)"}"#)
            #expect(try json(byName.body)["status"] as? String == "registered")
            let partial = try await client.postJSON(
                "/api/v1/registration", #"{"name": "\#(voter.name.latin.split(separator: " ")[0])", "dateOfBirth": "\#(voter.dateOfBirth.iso)"}"#)
            #expect(try json(partial.body)["status"] as? String == "not-found")
        }
    }

    @Test(arguments: [
        (#"{"voterNumber": "123"}"#, "voterNumber"),
        (#"{"name": "Sok Dara", "dateOfBirth": "31/01/1990"}"#, "dateOfBirth"),
        (#"{"name": "Sok Dara"}"#, "dateOfBirth"),
        (#"not json"#, "body"),
        (#"{"voterNumber": 12}"#, "body"),
    ])
    func badRegistrationRequestsNameTheField(body: String, field: String) async throws {
        try await PortalTestApp.run { client in
            let reply = try await client.postJSON("/api/v1/registration", body)
            #expect(reply.status == .badRequest)
            let error = try #require(try json(reply.body)["error"] as? [String: Any])
            #expect(error["field"] as? String == field)
            let message = try #require(error["message"] as? String)
            #expect(!message.isEmpty)
            // The message names the field in words, not by a missing translation key.
            #expect(!message.contains("field."), "\(message)")
            let khmer = try await client.postJSON("/api/v1/registration", body, language: "km")
            let khmerMessage = try #require((try json(khmer.body)["error"] as? [String: Any])?["message"] as? String)
            #expect(khmerMessage.unicodeScalars.contains { (0x1780...0x17FF).contains($0.value) })
        }
    }

    @Test func stationsProvincesAndCommissionsAreServed() async throws {
        let station = reference.pollingStations[500]
        try await PortalTestApp.run { client in
            let detail = try json(try await client.get("/api/v1/stations/\(station.id)").body)
            #expect((detail["pollingStation"] as? [String: Any])?["registeredVoters"] as? Int == station.registeredVoters)
            #expect((detail["members"] as? [Any])?.count == 6)
            let provinces = try JSONSerialization.jsonObject(with: Data(try await client.get("/api/v1/provinces").body.utf8)) as? [Any]
            #expect(provinces?.count == 25)
            let nearest = try await client.get("/api/v1/stations/nearest?lat=\(station.position.latitude)&lon=\(station.position.longitude)&limit=3")
            let first = (try JSONSerialization.jsonObject(with: Data(nearest.body.utf8)) as? [[String: Any]])?.first
            #expect((first?["pollingStation"] as? [String: Any])?["id"] as? String == station.id.rawValue)
            #expect(first?["distanceMetres"] as? Int == 0)
            let list = try json(try await client.get("/api/v1/parties/1/lists/12").body)
            #expect((list["candidates"] as? [[String: Any]])?.first?["dateOfBirth"] == nil)
            let unknown = try await client.get("/api/v1/stations/999999999")
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    /// A path of the API called with a method it does not take is answered 405 with the methods it
    /// does take (HTTP's `Allow`), in the client's language; a path that does not exist stays 404.
    @Test func aMethodAPathDoesNotTakeIsAnswered405WithAllow() async throws {
        try await PortalTestApp.run { client in
            let trace = try await client.execute(uri: "/api/v1/stations", method: .trace) { $0 }
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow] == "GET, HEAD")
            let body = try json(String(buffer: trace.body))
            #expect((body["error"] as? [String: Any])?["status"] as? Int == 405)
            let put = try await client.execute(
                uri: "/api/v1/results/publications", method: .put, headers: [.acceptLanguage: "km"]) { $0 }
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "GET, HEAD, POST")
            let message = try #require((try json(String(buffer: put.body))["error"] as? [String: Any])?["message"] as? String)
            #expect(message.contains("PUT") && message.unicodeScalars.contains { (0x1780...0x17FF).contains($0.value) })
            #expect(!message.contains("error.method_not_allowed"))
            // A literal path is preferred to a parameter, as the router prefers it.
            let current = try await client.execute(uri: "/api/v1/results/publications/current", method: .delete) { $0 }
            #expect(current.headers[.allow] == "GET, HEAD")
            let unknown = try await client.execute(uri: "/api/v1/no-such-thing", method: .trace) { $0 }
            #expect(unknown.status == .notFound)
        }
    }

    @Test func theOpenAPIDocumentDescribesEveryRoute() async throws {
        let routes = [
            "/election", "/statistics", "/provinces", "/provinces/{code}", "/provinces/{code}/stations", "/communes/{code}",
            "/communes/{code}/stations", "/provinces/{code}/communes", "/communes/{code}/changes", "/communes/{code}/retirement", "/stations", "/stations/nearest", "/stations/{code}", "/stations/{code}/changes",
            "/stations/{code}/retirement", "/commissions", "/commissions/{id}", "/commissions/{id}/members",
            "/commissions/{id}/members/{seat}/removal", "/commissions/{id}/changes", "/parties",
            "/parties/{id}", "/parties/{id}/lists/{province}", "/candidates/women", "/calendar", "/ballot-draws", "/elections", "/elections/{id}",
            "/elections/{id}/comparison/{other}", "/registration",
            "/results", "/results/nist-cdf.json", "/results/csv/{level}", "/results/provinces/{code}", "/results/communes/{code}",
            "/results/stations/{code}", "/results/stations/{code}/entries", "/results/stations/{code}/resolution",
            "/results/stations/{code}/acknowledgement", "/results/stations/{code}/corrections", "/results/confirmations",
            "/results/publications", "/results/publications/current", "/results/publications/{number}", "/results/publications/{number}/content",
            "/results/publications/{number}/nist-cdf.json",
            "/missions", "/missions/{id}", "/missions/{id}/findings", "/missions/{id}/checklists",
            "/missions/{id}/incidents", "/missions/{id}/incidents/{number}/status", "/missions/{id}/visits", "/missions/{id}/activities", "/missions/{id}/statement", "/missions/{id}/coverage",
            "/missions/{id}/members/{seat}/badge", "/missions/{id}/quick-count", "/missions/{id}/quick-count/sample", "/missions/{id}/quick-count/sample.csv",
            "/missions/{id}/quick-count/publication", "/missions/{id}/quick-count/counts",
            "/register/search", "/register/voter-list", "/register/voters", "/register/voters/{number}", "/register/voters/{number}/move",
            "/register/voters/{number}/removal", "/register/duplicates", "/register/duplicates/{id}/decision",
            "/accreditation/statistics", "/accreditation/codes", "/accreditation/organisations", "/accreditation/public-key",
            "/accreditation/revocations", "/accreditation/verification", "/accreditation/organisations/{id}/applications",
            "/accreditation/organisation-applications", "/accreditation/organisations/{id}/registration",
            "/accreditation/decisions", "/accreditation/badges/{number}", "/accreditation/badges/{number}/revocation",
            "/campaign/airtime", "/campaign/airtime.csv", "/campaign/airtime.ics",
            "/election-day/stations/{code}/reports", "/election-day/stations/{code}/police", "/election-day/overview", "/election-day/turnout-publications", "/turnout",
            "/library", "/library/{id}",
            "/complaints", "/complaints/statistics", "/complaints/{reference}", "/complaints/{reference}/appeal", "/complaints/{reference}/file",
            "/complaints/{reference}/evidence/{number}", "/complaints/{reference}/hearing", "/complaints/{reference}/decision",
            "/missions/{id}/incidents/{number}/complaint", "/hotline/enquiries",
            "/training/sessions", "/training/sessions/{id}", "/training/sessions/{id}/attendance", "/training/coverage",
        ]
        try await PortalTestApp.run { client in
            let document = try json(try await client.get("/api/v1/openapi.json").body)
            #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(Set(paths.keys) == Set(routes))
        }
    }
}
