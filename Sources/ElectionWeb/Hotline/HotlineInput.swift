import ElectionCore
import Foundation

/// One parsing of an enquiry the hotline took, for the call-taker's desk form and the API.
enum HotlineInput {
    /// What the form or the JSON body gives, by the same names.
    struct Fields: Sendable, Decodable {
        var channel: String?
        var topic: String?
        var province: String?
        var question: String?
        var answer: String?
        var articleID: String?

        init(form: [String: String]) {
            channel = form["channel"]
            topic = form["topic"]
            province = form["province"]
            question = form["question"]
            answer = form["answer"]
            articleID = form["articleID"]
        }
    }

    /// The enquiry the fields describe, taken at `now`.
    static func enquiry(_ fields: Fields, at now: Date) throws -> HotlineEnquiry {
        guard let channel = fields.channel.flatMap(HotlineEnquiry.Channel.init(rawValue:)) else { throw InputError(field: "channel", reason: "choice") }
        guard let topic = fields.topic.flatMap(HotlineEnquiry.Topic.init(rawValue:)) else { throw InputError(field: "topic", reason: "choice") }
        let province = try Input.optionalProvince(fields.province.map { Substring($0) })
        let question = try Input.text(fields.question.map { Substring($0) }, field: "question") ?? ""
        let answer = try Input.longText(fields.answer, field: "answer", required: true) ?? ""
        let article = fields.articleID.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        if let article, !LibraryDocument.isWellFormedID(article) { throw InputError(field: "articleID", reason: "document_id") }
        return HotlineEnquiry(id: 0, at: now, channel: channel, topic: topic, province: province, question: question, answer: answer, articleID: article)
    }
}
