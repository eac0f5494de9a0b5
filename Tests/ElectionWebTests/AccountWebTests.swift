import ElectionCore
import ElectionStore
import ElectionTestSupport
@testable import ElectionWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// An official's own account on the desk: changing the password (held to the rule, refused on
/// the field in the user's language), signing out everywhere, and the log of what happened.
@Suite struct AccountWebTests {
    @Test func anOfficialChangesTheirPasswordAndEveryOldSessionEnds() async throws {
        let fixture = try await ResultsWebTests.fixture()
        try await ResultsWebTests.run(fixture, signInAttempts: 100) { client in
            let phone = try await ResultsWebTests.signIn(client, "clerk.one")
            let laptop = try await ResultsWebTests.signIn(client, "clerk.one")
            let page = try await client.get("/km/desk/account", headers: [.cookie: laptop.cookie])
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"password-form\""))

            func change(_ current: String, _ new: String, _ again: String) async throws -> Reply {
                try await client.postForm("/km/desk/account/password", [
                    ("csrf", laptop.csrf), ("current_password", current), ("new_password", new), ("repeat_password", again),
                ], cookie: laptop.cookie)
            }
            let wrong = try await change("not my password at all", "river stones under moonlight", "river stones under moonlight")
            #expect(wrong.status == .badRequest)
            #expect(wrong.body.contains("data-field=\"current_password\""))
            #expect(wrong.body.contains("មិនមែនជាពាក្យសម្ងាត់របស់អ្នកទេ"))
            for (weak, field) in [("clerk.one2023", "new_password"), ("aaaaaaaaaaaa", "new_password"), ("Password2023!", "new_password"), ("short", "new_password")] {
                let refused = try await change(ResultsWebTests.password, weak, weak)
                #expect(refused.status == .badRequest, "\(weak)")
                #expect(refused.body.contains("data-field=\"\(field)\""), "\(weak)")
            }
            let mismatch = try await change(ResultsWebTests.password, "river stones under moonlight", "river stones under sunlight")
            #expect(mismatch.body.contains("data-field=\"repeat_password\""))
            // Nothing was changed by the refusals: both sessions still work.
            #expect(try await client.get("/en/desk", headers: [.cookie: phone.cookie]).status == .ok)

            let done = try await change(ResultsWebTests.password, "river stones under moonlight", "river stones under moonlight")
            #expect(done.status == .seeOther)
            #expect(try await client.get("/en/desk", headers: [.cookie: phone.cookie]).status != .ok)
            #expect(try await client.postForm("/en/signin", [("name", "clerk.one"), ("password", ResultsWebTests.password)]).status == .unauthorized)
            #expect(try await client.postForm("/en/signin", [("name", "clerk.one"), ("password", "river stones under moonlight")]).status == .seeOther)
            let log = try await fixture.store.accountEvents(of: "clerk.one", limit: 10).map(\.kind)
            #expect(log.prefix(3) == [.signedIn, .signInRefused, .passwordChanged])
        }
    }

    @Test func signingOutEverywhereEndsEverySession() async throws {
        let fixture = try await ResultsWebTests.fixture()
        try await ResultsWebTests.run(fixture, signInAttempts: 100) { client in
            let phone = try await ResultsWebTests.signIn(client, "clerk.two")
            let laptop = try await ResultsWebTests.signIn(client, "clerk.two")
            let out = try await client.postForm("/en/desk/account/signout-everywhere", [("csrf", laptop.csrf)], cookie: laptop.cookie)
            #expect(out.status == .seeOther)
            for session in [phone, laptop] {
                #expect(try await client.get("/en/desk", headers: [.cookie: session.cookie]).status != .ok)
            }
            let page = try await client.get("/en/desk/account", headers: [.cookie: try await ResultsWebTests.signIn(client, "clerk.two").cookie])
            #expect(page.body.contains("Signed out everywhere"))
        }
    }

    @Test func aDisabledAccountSignsInByNothing() async throws {
        let fixture = try await ResultsWebTests.fixture()
        try await ResultsWebTests.run(fixture, signInAttempts: 100) { client in
            let session = try await ResultsWebTests.signIn(client, "clerk.one")
            let account = try #require(try await fixture.store.officialAccount(named: "clerk.one"))
            try await fixture.store.setDisabled(true, officialID: account.official.id, event: AccountEvent(officialName: "clerk.one", at: Date(), kind: .disabled))
            #expect(try await client.get("/en/desk", headers: [.cookie: session.cookie]).status != .ok)
            let refused = try await client.postForm("/en/signin", [("name", "clerk.one"), ("password", ResultsWebTests.password)])
            #expect(refused.status == .unauthorized)
            // The same answer as for a name no one has.
            let unknown = try await client.postForm("/en/signin", [("name", "clerk.nobody"), ("password", ResultsWebTests.password)])
            #expect(unknown.status == refused.status && unknown.body.contains("id=\"signin-error\"") && refused.body.contains("id=\"signin-error\""))
        }
    }
}

extension AccountWebTests {
    /// The NEC keeps officials' accounts on the desk: finds them by name, makes one (refusing a bad
    /// name, a unit at the wrong level or unknown, a name taken, each on its field and storing
    /// nothing), resets a password (the old one and every session stop working), disables and
    /// enables, and each change is logged with the administrator's name. No one else reaches it.
    @Test func theNECKeepsOfficialsAccounts() async throws {
        let fixture = try await ResultsWebTests.fixture()
        try await ResultsWebTests.run(fixture, signInAttempts: 100) { client in
            let nec = try await ResultsWebTests.signIn(client, "nec.admin")
            let found = try await client.get("/km/desk/accounts?name=CLERK", headers: [.cookie: nec.cookie])
            #expect(found.status == .ok)
            #expect(found.body.contains(">clerk.one</a>") && found.body.contains(">clerk.two</a>") && !found.body.contains(">nec.admin</a>"))

            let refusals: [([(String, String)], String, HTTPResponse.Status)] = [
                ([("account", "x y"), ("account_role", "commune-official"), ("unit", "010201")], "account", .badRequest),
                ([("account", "cec.new"), ("account_role", "commune-official"), ("unit", "01")], "unit", .badRequest),
                ([("account", "cec.new"), ("account_role", "commune-official"), ("unit", "019999")], "unit", .badRequest),
                ([("account", "cec.new"), ("account_role", "mayor"), ("unit", "010201")], "account_role", .badRequest),
                ([("account", "clerk.one"), ("account_role", "commune-official"), ("unit", "010201")], "account", .conflict),
            ]
            for (fields, field, status) in refusals {
                let refused = try await client.postForm("/km/desk/accounts", [("csrf", nec.csrf)] + fields, cookie: nec.cookie)
                #expect(refused.status == status, "\(fields)")
                #expect(refused.body.contains("data-field=\"\(field)\""), "\(fields)")
                #expect(refused.body.contains("id=\"accounts-error\""), "\(fields)")
            }
            #expect(try await fixture.store.officialAccount(named: "cec.new") == nil)
            let made = try await client.postForm(
                "/en/desk/accounts", [("csrf", nec.csrf), ("account", "cec.new"), ("account_role", "commune-official"), ("unit", "010201")],
                cookie: nec.cookie)
            #expect(made.status == .created)
            let first = String(try #require(made.body.firstMatch(of: /<code>([A-Za-z0-9]{16})<\/code>/)).1)
            #expect(try await client.postForm("/en/signin", [("name", "cec.new"), ("password", first)]).status == .seeOther)
            #expect(try await fixture.store.officialAccount(named: "cec.new")?.official.unitCode == .commune("010201"))
            let added = try await fixture.store.accountEvents(of: "cec.new", limit: 10).filter { $0.kind == .added }
            #expect(added.count == 1 && added.first?.byName == "nec.admin")

            let clerk = try await ResultsWebTests.signIn(client, "clerk.one")
            let reset = try await client.postForm("/en/desk/accounts/clerk.one/password", [("csrf", nec.csrf)], cookie: nec.cookie)
            let second = String(try #require(reset.body.firstMatch(of: /<code>([A-Za-z0-9]{16})<\/code>/)).1)
            #expect(try await client.get("/en/desk", headers: [.cookie: clerk.cookie]).status != .ok)
            #expect(try await client.postForm("/en/signin", [("name", "clerk.one"), ("password", ResultsWebTests.password)]).status == .unauthorized)
            #expect(try await client.postForm("/en/signin", [("name", "clerk.one"), ("password", second)]).status == .seeOther)

            #expect(try await client.postForm("/en/desk/accounts/clerk.one/disable", [("csrf", nec.csrf)], cookie: nec.cookie).status == .ok)
            #expect(try await client.postForm("/en/signin", [("name", "clerk.one"), ("password", second)]).status == .unauthorized)
            #expect(try await client.postForm("/en/desk/accounts/clerk.one/enable", [("csrf", nec.csrf)], cookie: nec.cookie).status == .ok)
            #expect(try await client.postForm("/en/signin", [("name", "clerk.one"), ("password", second)]).status == .seeOther)
            let own = try await client.postForm("/en/desk/accounts/nec.admin/disable", [("csrf", nec.csrf)], cookie: nec.cookie)
            #expect(own.status == .badRequest)
            #expect(try await fixture.store.officialAccount(named: "nec.admin")?.disabledAt == nil)

            let log = try await fixture.store.accountEvents(of: "clerk.one", limit: 20)
            for kind in [AccountEvent.Kind.passwordReset, .disabled, .enabled] {
                #expect(log.contains { $0.kind == kind && $0.byName == "nec.admin" }, "\(kind)")
            }
            let commune = try await ResultsWebTests.signIn(client, "clerk.two")
            #expect(try await client.get("/en/desk/accounts?name=clerk", headers: [.cookie: commune.cookie]).status == .forbidden)
            #expect(try await client.postForm("/en/desk/accounts/clerk.one/disable", [("csrf", commune.csrf)], cookie: commune.cookie).status == .forbidden)
        }
    }
}

@Suite struct PasswordRuleTests {
    @Test func theRuleRefusesWhatIsTriedFirst() {
        #expect(PasswordRule.problem("short", accountName: "cec.phnompenh") == .tooShort)
        #expect(PasswordRule.problem("aaaaaaaaaaaa", accountName: "x") == .repetitive)
        #expect(PasswordRule.problem("abcdefghijklmn", accountName: "x") == .repetitive)
        #expect(PasswordRule.problem("123456789012", accountName: "x") == .common)
        #expect(PasswordRule.problem("cec.phnompenh", accountName: "cec.phnompenh") == .nameDerived)
        #expect(PasswordRule.problem("HNEPMONHP.cec!!", accountName: "cec.phnompenh") == .nameDerived)
        #expect(PasswordRule.problem("phnompenh2023!", accountName: "cec.01") == .common)
        #expect(PasswordRule.problem("Password2023!", accountName: "x") == .common)
        #expect(PasswordRule.problem(String(repeating: "ក", count: 30), accountName: "x") == .tooLong)
        #expect(PasswordRule.problem("river stones under moonlight", accountName: "cec.phnompenh") == nil)
        #expect(PasswordRule.problem("ទន្លេមេគង្គហូរកាត់", accountName: "cec.phnompenh") == nil)
    }
}
