import ElectionCore
import Foundation

extension AccreditationStore {
    /// Submits an organisation's file of people (``AccreditationFile``): each good line becomes an
    /// application in the organisation's category, acknowledging the newest version of its code of
    /// conduct; bad lines are returned, not stored. Refused with ``Refusal`` when the category has
    /// no code of conduct yet.
    public func submitFile(
        _ data: Data, organisation id: String
    ) async throws -> (submitted: [AccreditationApplication], rejections: [AccreditationFile.Rejection]) {
        let organisation = try await accreditingOrganisation(id)
        guard let code = try await codesOfConduct().filter({ $0.category == organisation.category }).map(\.version).max() else {
            throw Refusal(.wrongState, field: "code", "no code of conduct is published for \(organisation.category.rawValue)s yet")
        }
        let reading = AccreditationFile.read(data, organisation: id, category: organisation.category, codeVersion: code)
        return (try await submitApplications(reading.applications), reading.rejections)
    }

    /// The NEC's Ed25519 signing key (badges and results publications), made and kept on first use.
    public func signingKey() async throws -> Data {
        try await badgeSigningKey { Data((0..<32).map { _ in UInt8.random(in: 0...255) }) }
    }
}

extension AccreditationStore {
    /// Every application of an organisation in one status, in number order, read page by page.
    public func applications(of organisation: String, status: AccreditationApplication.Status) async throws -> [AccreditationApplication] {
        var all: [AccreditationApplication] = []
        while true {
            let page = try await accreditationApplications(organisation: organisation, status: status, after: all.last?.id ?? 0, limit: 10_000)
            all += page
            if page.count < 10_000 { return all }
        }
    }

    /// The numbers of an organisation's applications that wait for a decision, in order.
    public func waitingApplications(of organisation: String) async throws -> [Int] {
        var ids: [Int] = []
        for status in AccreditationApplication.Status.allCases where AccreditationDecision.mayDecide(status) {
            ids += try await applications(of: organisation, status: status).map(\.id)
        }
        return ids.sorted()
    }
}
