import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The sign-in page.
struct SignInPage: Sendable {
    let action: String
    let name: String
    let error: String?
}

/// Officials' sign-in and sign-out in the browser. Sign-out needs ``SessionAuthenticator`` in front.
struct SignInPages: PageController {
    let signing: Signing
    let renderer: PageRenderer

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("signin") { _, context in
            let language = context.language
            return page("signin", language.text("desk.signin"), SignInPage(action: "/\(language.rawValue)/signin", name: "", error: nil), language, "/signin")
        }
        router.post("signin") { request, context in try await signIn(request, context) }
        router.post("signout") { request, context in
            let language = context.language
            let (session, _) = try await context.requireSessionForm(request)
            try await signing.signOut(request, session, client: context.client)
            var response = Response.redirect(to: "/\(language.rawValue)/signin", type: .normal)
            response.setCookie(signing.clearedCookie())
            return response
        }
    }

    private func signIn(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let language = context.language
        let fields = Input.form(String(buffer: try await Input.body(of: request)))
        let name = fields["name"].map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        let password = fields["password"].map(String.init) ?? ""
        guard !name.isEmpty, !password.isEmpty,
              let (token, _) = try await signing.signIn(name: name, password: password, client: context.client) else {
            return page(
                "signin", language.text("desk.signin"),
                SignInPage(action: "/\(language.rawValue)/signin", name: name, error: language.text("desk.signin_failed")),
                language, "/signin", status: .unauthorized)
        }
        var response = Response.redirect(to: "/\(language.rawValue)/desk", type: .normal)
        response.setCookie(signing.cookie(token))
        return response
    }
}
