import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The knowledge base's questions and answers, as the public reads them and the call-taker finds them.
struct FAQArticle: Sendable {
    let id: String
    let question: String
    let paragraphs: [String]
    let href: String
    /// The call-taker's link to answer with it (fills the log's answer).
    let useHref: String?
}

/// The public frequently asked questions: the knowledge base the hotline answers from.
struct FAQPage: Sendable {
    let lang: String
    let query: String
    let articles: [FAQArticle]
    let none: Bool
}

/// The call-taker's desk: find the answer in the knowledge base, log the enquiry, see the day's counts.
struct HotlineDeskPage: Sendable {
    struct Logged: Sendable {
        let time: String
        let topic: String
        let question: String
    }
    let lang: String
    let csrf: String
    let query: String
    let articles: [FAQArticle]
    let channels: [Choice]
    let topics: [Choice]
    let provinces: [Choice]
    let question: String
    let answer: String
    let articleID: String
    let total: String
    let byTopic: [Fact]
    let byChannel: [Fact]
    let recent: [Logged]
    let message: String?
    let error: String?
    let invalid: String
}

struct HotlinePages: Sendable {
    let store: any PortalStore
    let clock: PortalClock
    let renderer: PageRenderer

    func addPublicRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("faq") { request, context in
            let language = context.language
            let query = Input.query(of: request)["q"].map { String($0.prefix(100)) } ?? ""
            let articles = try await articles(matching: query, language, useFor: nil)
            return renderer.page("faq", title: language.text("hotline.faq_title"),
                                 content: FAQPage(lang: language.rawValue, query: query, articles: articles, none: articles.isEmpty),
                                 language: language, path: "/faq")
        }
    }

    func addDeskRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get("desk/hotline") { request, context in
            guard let session = context.session else { return context.signInFirst }
            try session.official.require(.takeCalls, on: .nation)
            let query = Input.query(of: request)
            var fields = HotlineInput.Fields(form: [:])
            if let id = query["article"].map(String.init), let article = try? await store.document(id), article.kind == .faq {
                fields.articleID = id
                fields.question = context.language.pick(article.current.titleEnglish, article.current.titleKhmer)
                fields.answer = context.language.pick(article.current.textEnglish, article.current.textKhmer)
            }
            let message = query["logged"] == "1" ? context.language.text("hotline.logged") : nil
            return try await desk(session, context.language, fields, query: query["q"].map { String($0.prefix(100)) } ?? "", message: message)
        }
        router.post("desk/hotline") { request, context in
            let language = context.language
            let (session, form) = try await context.requireSessionForm(request)
            let fields = HotlineInput.Fields(form: form)
            do {
                _ = try await store.logEnquiry(try HotlineInput.enquiry(fields, at: clock.now()), by: session.official)
                return Response.redirect(to: "/\(language.rawValue)/desk/hotline?logged=1", type: .normal)
            } catch let error as InputError {
                return try await desk(session, language, fields, query: "", error: error, status: .badRequest)
            } catch StoreError.notFound {
                return try await desk(session, language, fields, query: "", error: InputError(field: "articleID", reason: "faq_article"), status: .badRequest)
            }
        }
    }

    /// The knowledge base's articles matching `query`, in `language`.
    private func articles(matching query: String, _ language: Language, useFor desk: Bool?) async throws -> [FAQArticle] {
        let l = language.rawValue
        return try await store.documents(kind: .faq).filter { $0.matches(query) }.sorted { $0.id < $1.id }.map { article in
            let text = language.pick(article.current.textEnglish, article.current.textKhmer)
            return FAQArticle(
                id: article.id, question: language.pick(article.current.titleEnglish, article.current.titleKhmer),
                paragraphs: LibraryPages.paragraphs(text.isEmpty ? language.pick(article.current.textKhmer, article.current.textEnglish) : text),
                href: "/\(l)/library/\(article.id)", useHref: desk == true ? "/\(l)/desk/hotline?article=\(article.id)#log-enquiry" : nil)
        }
    }

    private func desk(
        _ session: OfficialSession, _ language: Language, _ fields: HotlineInput.Fields, query: String, message: String? = nil,
        error: InputError? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let election = try await store.election()
        let now = clock.now()
        let recent = try await store.enquiries(on: election.localDay(at: now), page: ListPage(limit: 20))
        let tally = try await store.tally(on: election.localDay(at: now))
        let provinces = try await store.constituencies()
        let model = HotlineDeskPage(
            lang: language.rawValue, csrf: session.csrfToken, query: query,
            articles: try await articles(matching: query, language, useFor: true),
            channels: HotlineEnquiry.Channel.allCases.map {
                Choice(value: $0.rawValue, label: language.text(KeyFamilies.hotlineChannel, $0), selected: $0.rawValue == (fields.channel ?? "phone"))
            },
            topics: HotlineEnquiry.Topic.allCases.map {
                Choice(value: $0.rawValue, label: language.text(KeyFamilies.hotlineTopic, $0), selected: $0.rawValue == fields.topic)
            },
            provinces: [Choice(value: "", label: language.text("complaint.no_province"))] + provinces.map {
                Choice(value: $0.id.rawValue, label: language.pick($0.nameEnglish, $0.nameKhmer), selected: $0.id.rawValue == fields.province)
            },
            question: fields.question ?? "", answer: fields.answer ?? "", articleID: fields.articleID ?? "",
            total: language.number(tally.total),
            byTopic: HotlineEnquiry.Topic.allCases.filter { tally.byTopic[$0] != nil }.map {
                Fact(label: language.text(KeyFamilies.hotlineTopic, $0), value: language.number(tally.byTopic[$0]!))
            },
            byChannel: HotlineEnquiry.Channel.allCases.filter { tally.byChannel[$0] != nil }.map {
                Fact(label: language.text(KeyFamilies.hotlineChannel, $0), value: language.number(tally.byChannel[$0]!))
            },
            recent: recent.map {
                .init(time: language.moment($0.at, utcOffsetMinutes: election.utcOffsetMinutes), topic: language.text(KeyFamilies.hotlineTopic, $0.topic),
                      question: $0.question)
            },
            message: message, error: error?.message(in: language), invalid: error?.field ?? "")
        return renderer.page("desk-hotline", title: language.text("hotline.desk"), content: model, language: language, path: "/desk/hotline",
                             status: status)
    }
}
