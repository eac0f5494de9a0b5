import ElectionCore
import ElectionStore
import Foundation
import Hummingbird
import Logging

/// Turns every error into an answer the client can use: a JSON error under `/api/`, a page in the
/// user's language elsewhere. Bad input is a 400 naming the field, an unknown identifier a 404,
/// and anything else a 500 that shows no internals (the details go to the log).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer

    struct APIError: Encodable {
        struct Body: Encodable {
            let status: Int
            let field: String?
            let message: String
        }
        let error: Body
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let path = request.uri.path
            let isAPI = path.hasPrefix("/api/")
            let firstSegment = path.split(separator: "/").first.map(String.init)
            let language = isAPI
                ? Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
                : Language(rawValue: firstSegment ?? "") ?? Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
            let (status, field, message) = Self.describe(error, in: language)
            if status == .internalServerError {
                context.logger.error("request failed", metadata: ["path": "\(path)", "error": "\(String(reflecting: error))"])
            }
            var response: Response
            if isAPI {
                let body = APIError(error: .init(status: Int(status.code), field: field, message: message))
                let data = try APIJSON.encoder.encode(body)
                var headers = HTTPFields()
                headers[.contentType] = "application/json; charset=utf-8"
                response = Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
            } else {
                let pathAfterLanguage = firstSegment.flatMap(Language.init(rawValue:)) != nil
                    ? String(path.dropFirst(3)) : "/"
                response = renderer.page(
                    "error", title: language.text("error.title"),
                    content: ErrorPage(message: message, homeHref: "/\(language.rawValue)/"),
                    language: language, path: pathAfterLanguage.isEmpty ? "/" : pathAfterLanguage, status: status)
            }
            if let seconds = Self.retryAfter(status) { response.headers[.retryAfter] = String(seconds) }
            return response
        }
    }

    /// Seconds after which a refused request may be sent again: a used-up share renews within a
    /// minute; a busy database is usually free again within seconds, and a lost primary is replaced
    /// by its standby within seconds too (docs/failover.md).
    static func retryAfter(_ status: HTTPResponse.Status) -> Int? {
        switch status {
        case .tooManyRequests: 60
        case .serviceUnavailable: 5
        default: nil
        }
    }

    static func describe(_ error: any Error, in language: Language) -> (HTTPResponse.Status, String?, String) {
        switch error {
        case let input as InputError:
            return (.badRequest, input.field.isEmpty ? nil : input.field, input.message(in: language))
        case StoreError.notFound(let kind, let id):
            let message = language.text("error.not_found_item")
                .replacingOccurrences(of: "{kind}", with: language.text(KeyFamilies.storeKind, kind))
                .replacingOccurrences(of: "{id}", with: id)
            return (.notFound, nil, message)
        case let refusal as Refusal:
            let status: HTTPResponse.Status = switch refusal.reason {
            case .outsideUnit, .roleMayNot, .otherMission: .forbidden
            case .staleVersion, .wrongState, .countIncomplete, .noChange, .sameOfficial, .outsideCalendar, .inUse, .codeTaken: .conflict
            case .failedChecks, .reasonRequired: .unprocessableContent
            }
            var message = language.text(KeyFamilies.refusal, refusal.reason)
            if let milestone = refusal.field.flatMap(Milestone.init(rawValue:)) { message += " (\(language.text(KeyFamilies.milestone, milestone)))" }
            for check in refusal.checks { message += " " + CheckText.found(check, refusal.figures[check], language) }
            return (status, refusal.field, message)
        case let refusal as StationReportRefusal:
            return (refusal.isConflict ? .conflict : .unprocessableContent, refusal.field, ElectionDayPages.message(refusal, language))
        case let refused as NominationProblems:
            return (.unprocessableContent, "candidates", NominationText.messages(refused.problems, in: language).joined(separator: " "))
        case let problems as CommissionProblems:
            return (.unprocessableContent, "commission", CommissionKeepingPages.message(problems, language))
        case StoreError.duplicate(let kind, let id):
            return (.conflict, nil, language.text("error.duplicate").replacingOccurrences(of: "{kind}", with: language.text(KeyFamilies.storeKind, kind))
                .replacingOccurrences(of: "{id}", with: id))
        case is SubmissionConflict:
            return (.conflict, "id", language.text("error.conflict"))
        case is NotSignedIn:
            return (.unauthorized, nil, language.text("error.not_signed_in"))
        case is ForgedForm:
            return (.forbidden, "csrf", language.text("error.forged_form"))
        case StoreError.busy:
            return (.serviceUnavailable, nil, language.text("error.busy"))
        case StoreError.unavailable:
            return (.serviceUnavailable, nil, language.text("error.unavailable"))
        case is PDFUnavailable:
            return (.serviceUnavailable, nil, language.text("error.pdf_unavailable"))
        case is TooManyLookups:
            return (.tooManyRequests, nil, language.text("error.too_many_lookups"))
        case let http as HTTPError where http.status == .notFound:
            return (.notFound, nil, language.text("error.not_found"))
        case let http as HTTPError where (400..<500).contains(http.status.code):
            return (http.status, nil, http.body ?? http.status.reasonPhrase)
        default:
            return (.internalServerError, nil, language.text("error.server"))
        }
    }
}

struct ErrorPage: Sendable {
    let message: String
    let homeHref: String
}
