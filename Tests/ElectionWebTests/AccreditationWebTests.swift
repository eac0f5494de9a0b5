import ElectionCore
import ElectionStore
import ElectionStoreSQL
import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Accreditation through the NEC's desk and the public pages: an organisation's people decided
/// only by the NEC, badges printed with their QR codes, checked by anyone, revoked with a reason;
/// the public sees counts, never names.
@Suite struct AccreditationWebTests {
    @Test func theNECDecidesPrintsAndRevokesAndAnyoneChecksTheBadge() async throws {
        let fixture = try await ResultsWebTests.fixture()
        let organisation = AccreditingOrganisation(
            id: "watch", nameEnglish: "Election Watch", nameKhmer: "អ្នកឃ្លាំមើលការបោះឆ្នោត", kind: .national, contact: "")
        try await fixture.store.addOrganisation(organisation)
        let file = "name_km,name_latin,sex,nationality\nសុខ សុភា,Sok Sophea,F,KHM\nចាន់ ដារា,Chan Dara,M,KHM\n"
        let (submitted, rejections) = try await fixture.store.submitFile(Data(file.utf8), organisation: "watch")
        #expect(submitted.count == 2 && rejections.isEmpty)
        let sophea = submitted[0].badgeNumber
        try await ResultsWebTests.run(fixture) { client in
            let clerk = try await ResultsWebTests.signIn(client, "clerk.one")
            #expect(try await client.get("/en/desk/accreditation", headers: [.cookie: clerk.cookie]).status == .forbidden)
            let nec = try await ResultsWebTests.signIn(client, "nec.admin")
            let desk = try await client.get("/en/desk/accreditation", headers: [.cookie: nec.cookie])
            #expect(desk.status == .ok)
            // The organisation with people waiting comes first.
            #expect(desk.body.firstRange(of: "Election Watch")!.lowerBound < desk.body.firstRange(of: "Asian Parliamentary")!.lowerBound)
            let page = try await client.get("/en/desk/accreditation/organisations/watch", headers: [.cookie: nec.cookie])
            #expect(page.body.contains("Sok Sophea") && page.body.contains("សុខ សុភា"), "the NEC sees who applies")

            // A refusal needs its reason: refused by field, nothing decided.
            let bare = try await client.postForm("/en/desk/accreditation/organisations/watch/decisions", [
                ("csrf", nec.csrf), ("decision", "refuse"), ("reason", ""),
            ], cookie: nec.cookie)
            #expect(bare.status == .badRequest && bare.body.contains("Reason"))
            #expect(try await fixture.store.waitingApplications(of: "watch").count == 2)
            let today = try await fixture.store.election().localDay(at: Date())
            let until = CalendarDate(daysSinceEpoch: today.daysSinceEpoch + 30)
            let accepted = try await client.postForm("/en/desk/accreditation/organisations/watch/decisions", [
                ("csrf", nec.csrf), ("decision", "accept"), ("validFrom", today.iso), ("validUntil", until.iso),
            ], cookie: nec.cookie)
            #expect(accepted.status == .seeOther)
            #expect(try await fixture.store.waitingApplications(of: "watch").isEmpty)

            // The sheet has each badge with its names and a QR code; the credential checks out.
            let sheet = try await client.get("/en/desk/accreditation/badges?organisation=watch", headers: [.cookie: nec.cookie])
            #expect(sheet.body.components(separatedBy: "class=\"badge\"").count - 1 == 2)
            #expect(sheet.body.contains("id=\"badge-\(sophea)\"") && sheet.body.contains("<svg"))
            // The same sheet as PDF, printed by Chromium where the server has it; without, a clear 503.
            let pdf = try await client.get("/en/desk/accreditation/badges.pdf?organisation=watch", headers: [.cookie: nec.cookie])
            #expect(try await client.get("/en/desk/accreditation/badges.pdf?organisation=watch", headers: [.cookie: clerk.cookie]).status == .forbidden)
            if PDFPrinter.find() != nil || TestDatabases.required("SALA_REQUIRE_BROWSER") {
                #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf" && pdf.body.hasPrefix("%PDF-"))
                #expect(sheet.body.contains("href=\"/en/desk/accreditation/badges.pdf?organisation=watch&amp;after=0\""))
            } else {
                #expect(pdf.status == .serviceUnavailable && pdf.body.contains("Chromium"))
                #expect(!sheet.body.contains("badges.pdf"))
            }
            let authority = NECKeys(store: fixture.store)
            let credential = try #require(try await authority.badge(
                try await fixture.store.accreditationApplication(submitted[0].id), election: try await fixture.store.election().id)).credential
            let query = credential.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.")))!
            let valid = try await client.get("/km/accreditation/verify?badge=\(query)")
            #expect(valid.body.contains("ប័ណ្ណនេះមានសុពលភាព") && valid.body.contains("Sok Sophea") && valid.body.contains("អ្នកឃ្លាំមើលការបោះឆ្នោត"))
            var forged = Array(credential)
            forged[10] = forged[10] == "A" ? "B" : "A"
            let altered = try await client.get("/en/accreditation/verify?badge=\(String(forged))")
            #expect(altered.body.contains("NOT valid") && !altered.body.contains("Sok Sophea"))

            // Revoked: the page says so, with the reason; the public list carries it.
            let revoked = try await client.postForm("/en/desk/accreditation/revocations", [
                ("csrf", nec.csrf), ("badge", sophea.lowercased()), ("reason", "campaigned for a party"),
            ], cookie: nec.cookie)
            #expect(revoked.status == .seeOther)
            let after = try await client.get("/en/accreditation/verify?badge=\(query)")
            #expect(after.body.contains("NOT valid") && after.body.contains("campaigned for a party"))
            #expect(try await client.get("/api/v1/accreditation/revocations").body.contains(sophea))
            let unknown = try await client.postForm("/en/desk/accreditation/revocations", [
                ("csrf", nec.csrf), ("badge", "B-12"), ("reason", "x"),
            ], cookie: nec.cookie)
            #expect(unknown.status == .badRequest)

            // The public sees how many, never who.
            let public_ = try await client.get("/en/accreditation")
            #expect(public_.body.contains("Election Watch") && !public_.body.contains("Chan Dara") && !public_.body.contains("Sok Sophea"))
            let statistics = try await client.get("/api/v1/accreditation/statistics").body
            #expect(statistics.contains("\"watch\"") && !statistics.contains("Chan Dara"))
        }
    }
}

extension AccreditationWebTests {
    /// An organisation signs in with its code, applies for its people acknowledging the code of
    /// conduct, sees its own applicants and no other organisation's, and submits through the API
    /// for itself only.
    @Test func anOrganisationAppliesForItsOwnPeople() async throws {
        let fixture = try await ResultsWebTests.fixture()
        for (id, name) in [("watch", "Election Watch"), ("other", "Other Watch")] {
            try await fixture.store.addOrganisation(AccreditingOrganisation(
                id: id, nameEnglish: name, nameKhmer: "អ្នកឃ្លាំមើល", kind: .national, contact: ""))
        }
        let code = "7KQ2M9XD4RTA", otherCode = "8KQ2M9XD4RTB"
        try await fixture.store.addOrganisationCode(digest: Passwords.digest(code), organisation: "watch")
        try await fixture.store.addOrganisationCode(digest: Passwords.digest(otherCode), organisation: "other")
        _ = try await fixture.store.submitFile(Data("name_km,name_latin,sex,nationality\nកែវ រតនា,Keo Rathana,F,KHM\n".utf8), organisation: "other")
        try await ResultsWebTests.run(fixture) { client in
            #expect(try await client.postForm("/en/organisation", [("code", "nope")]).status == .unauthorized)
            let signedIn = try await client.postForm("/en/organisation", [("code", "7kq2 m9xd 4rta")])
            let cookie = String(try #require(signedIn.headers[.setCookie]).split(separator: ";")[0])
            let home = try await client.get("/en/organisation", headers: [.cookie: cookie])
            #expect(home.body.contains("Election Watch") && !home.body.contains("Keo Rathana"), "another organisation's people stay hidden")
            let csrf = String(try #require(home.body.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)
            let person = [("csrf", csrf), ("nameKhmer", "សុខ សុភា"), ("nameLatin", "Sok Sophea"), ("sex", "F"), ("nationality", "KHM")]
            let unacknowledged = try await client.postForm("/en/organisation/applications", person, cookie: cookie)
            #expect(unacknowledged.status == .badRequest && unacknowledged.body.contains("Code of conduct must be acknowledged"))
            #expect(unacknowledged.body.contains("value=\"Sok Sophea\""), "what was typed is kept")
            let applied = try await client.postForm("/en/organisation/applications", person + [("acknowledge", "yes")], cookie: cookie)
            #expect(applied.status == .created && applied.body.contains("1 application(s) submitted"))
            let lines = try await client.postForm("/km/organisation/applications", [
                ("csrf", csrf), ("acknowledge", "yes"), ("lines", "ចាន់ ដារា,Chan Dara,M,KHM\r\nDara,Dara,M,KHM"),
            ], cookie: cookie)
            #expect(lines.status == .created && lines.body.contains("បន្ទាត់ទី ២៖ ឈ្មោះជាអក្សរខ្មែរ មិនមែនជាអក្សរត្រឹមត្រូវ"))
            let mine = try await fixture.store.accreditationApplications(organisation: "watch", status: .submitted, after: 0, limit: 10)
            #expect(mine.map(\.name.latin) == ["Sok Sophea", "Chan Dara"] && mine.allSatisfy { $0.codeOfConductVersion >= 1 })

            // Through the API, with its code as the bearer token: its own file, never another's.
            let file = "name_km,name_latin,sex,nationality\nហេង បូរ៉ា,Heng Bora,M,KHM\n"
            let elsewhere = try await client.postJSON("/api/v1/accreditation/organisations/other/applications", file, bearer: code)
            #expect(elsewhere.status == .forbidden, "\(elsewhere.status) \(elsewhere.body)")
            #expect(try await client.postJSON("/api/v1/accreditation/organisations/watch/applications", file, bearer: code).status == .created)
        }
    }

    /// An organisation with more waiting applications than a page shows them page by page.
    @Test func theNECPagesThroughManyWaitingApplications() async throws {
        let fixture = try await ResultsWebTests.fixture()
        try await fixture.store.addOrganisation(AccreditingOrganisation(
            id: "big-watch", nameEnglish: "Big Watch", nameKhmer: "អ្នកឃ្លាំមើលធំ", kind: .national, contact: ""))
        let count = AccreditationDeskPages.pageSize + 5
        // Names have no digits: the n-th person is "Sok" and n written in letters (1 → "Ab").
        @Sendable func word(_ n: Int) -> String {
            let letters = Array("abcdefghijklmnopqrstuvwxyz")
            return "A" + String(letters[n / 26]) + String(letters[n % 26])
        }
        let file = "name_km,name_latin,sex,nationality\n" + (1...count).map { "សុខ សុភា,Sok \(word($0)),F,KHM\n" }.joined()
        let (submitted, _) = try await fixture.store.submitFile(Data(file.utf8), organisation: "big-watch")
        #expect(submitted.count == count)
        try await ResultsWebTests.run(fixture) { client in
            let nec = try await ResultsWebTests.signIn(client, "nec.admin")
            let first = try await client.get("/en/desk/accreditation/organisations/big-watch", headers: [.cookie: nec.cookie])
            #expect(first.body.matches(of: /<br>Sok A[a-z]+</).count == AccreditationDeskPages.pageSize)
            let next = String(try #require(first.body.firstMatch(of: /id="waiting-next" href="([^"]+)"/)).1)
            #expect(next.hasSuffix("after=\(submitted[AccreditationDeskPages.pageSize - 1].id)"))
            let second = try await client.get(next, headers: [.cookie: nec.cookie])
            #expect(second.body.matches(of: /<br>Sok A[a-z]+</).count == 5 && !second.body.contains("waiting-next"))
            #expect(second.body.contains("Sok \(word(count))<") && !second.body.contains("Sok \(word(1))<"))
        }
    }

    /// An organisation registers itself on the public form, keeps the code it is given once, waits
    /// for the NEC, and applies for its people only once registered.
    @Test func anOrganisationRegistersItselfAndWaitsForTheNEC() async throws {
        let fixture = try await ResultsWebTests.fixture()
        try await ResultsWebTests.run(fixture) { client in
            let form = try await client.get("/km/organisation/apply")
            #expect(form.status == .ok && form.body.contains("ចុះឈ្មោះអង្គការ"))
            let fields = [("nameEnglish", "Youth Vote Watch"), ("nameKhmer", "យុវជនឃ្លាំមើលការបោះឆ្នោត"), ("kind", "national"),
                          ("contact", "Chan Sokha, +855 12 345 678")]
            let noKind = try await client.postForm("/en/organisation/apply", fields.filter { $0.0 != "kind" })
            #expect(noKind.status == .badRequest && noKind.body.contains("data-field=\"kind\"") && noKind.body.contains("value=\"Youth Vote Watch\""))
            let applied = try await client.postForm("/en/organisation/apply", fields)
            #expect(applied.status == .created)
            let code = String(try #require(applied.body.firstMatch(of: /id="organisation-code">([0-9A-Z-]{14})</)).1)
            let cookie = String(try #require(applied.headers[.setCookie]).split(separator: ";")[0])
            let organisation = try await fixture.store.accreditingOrganisation("youth-vote-watch")
            #expect(organisation.registration == .applied && organisation.contact == "Chan Sokha, +855 12 345 678")
            // The same name again gets its own id.
            #expect(try await client.postForm("/en/organisation/apply", fields).status == .created)
            #expect(try await fixture.store.accreditingOrganisation("youth-vote-watch-2").registration == .applied)

            // Waiting: its page says so and offers no application; the API refuses its file.
            let waiting = try await client.get("/en/organisation", headers: [.cookie: cookie])
            #expect(waiting.body.contains("has not registered your organisation yet") && !waiting.body.contains("id=\"apply-one\""))
            let file = "name_km,name_latin,sex,nationality\nហេង បូរ៉ា,Heng Bora,M,KHM\n"
            #expect(try await client.postJSON("/api/v1/accreditation/organisations/youth-vote-watch/applications", file, bearer: code).status == .conflict)
            #expect(!(try await client.get("/api/v1/accreditation/organisations").body.contains("youth-vote-watch")), "not public before it is registered")

            // The NEC sees it on its desk; a refusal needs a reason; then it registers it.
            let clerk = try await ResultsWebTests.signIn(client, "clerk.one")
            let decide = "/en/desk/accreditation/organisations/youth-vote-watch/registration"
            #expect(try await client.postForm(decide, [("csrf", clerk.csrf), ("decision", "register")], cookie: clerk.cookie).status == .forbidden)
            let nec = try await ResultsWebTests.signIn(client, "nec.admin")
            let desk = try await client.get("/en/desk/accreditation", headers: [.cookie: nec.cookie])
            #expect(desk.body.contains("id=\"registration-youth-vote-watch\"") && desk.body.contains("Chan Sokha"))
            #expect(desk.body.contains("Organisations asking to be registered"))
            let bare = try await client.postForm(decide, [("csrf", nec.csrf), ("decision", "refuse"), ("reason", " ")], cookie: nec.cookie)
            #expect(bare.status == .badRequest)
            #expect(try await client.postForm(decide, [("csrf", nec.csrf), ("decision", "register")], cookie: nec.cookie).status == .seeOther)
            #expect(try await client.postForm(decide, [("csrf", nec.csrf), ("decision", "register")], cookie: nec.cookie).status == .conflict, "decided once")
            let refuse = "/en/desk/accreditation/organisations/youth-vote-watch-2/registration"
            #expect(try await client.postForm(refuse, [("csrf", nec.csrf), ("decision", "refuse"), ("reason", "applied twice")], cookie: nec.cookie).status == .seeOther)

            // Registered: its people apply, with its code.
            let home = try await client.get("/en/organisation", headers: [.cookie: cookie])
            #expect(home.body.contains("id=\"apply-one\""))
            #expect(try await client.postJSON("/api/v1/accreditation/organisations/youth-vote-watch/applications", file, bearer: code).status == .created)
            #expect(try await fixture.store.accreditingOrganisation("youth-vote-watch-2").reason == "applied twice")
        }
    }
}

/// Chromium that cannot print is a failure the page can name, not a broken file.
@Suite struct PDFPrinterTests {
    @Test func aPrinterThatFailsGivesNoPDF() async throws {
        let broken = PDFPrinter(executable: URL(fileURLWithPath: "/bin/false"))
        await #expect(throws: PDFPrinter.Failure.self) { try await broken.pdf("<p>badge</p>") }
        #expect(PDFPrinter.find(environment: ["SALA_CHROMIUM": "/nonexistent/chromium"]) == nil)
        #expect(PDFPrinter.find(environment: ["PATH": "/nonexistent"]) == nil)
    }
}
