import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: HotlineStore {
    public func logEnquiry(_ enquiry: HotlineEnquiry, by official: Official) async throws -> HotlineEnquiry {
        try official.require(.takeCalls, on: .nation)
        let day = try await election().localDay(at: enquiry.at)
        return try await engine.withTransaction { tx in
            if let province = enquiry.province,
               try await tx.sql.raw("SELECT code FROM constituencies WHERE code = \(bind: province.rawValue)").first() == nil {
                throw StoreError.notFound("province", province.rawValue)
            }
            if let article = enquiry.articleID {
                let row = try await tx.sql.raw("SELECT kind FROM library_documents WHERE id = \(bind: article)").first()
                guard try row?.decode(column: "kind", as: String.self) == LibraryDocument.Kind.faq.rawValue else {
                    throw StoreError.notFound("document", article)
                }
            }
            guard let row = try await tx.sql.raw("""
                INSERT INTO hotline_enquiries (at, day, channel, topic, province_code, question, answer, article_id, logged_by)
                VALUES (\(bind: ISO8601.string(enquiry.at)), \(bind: day.iso), \(bind: enquiry.channel.rawValue), \(bind: enquiry.topic.rawValue),
                    \(bind: enquiry.province?.rawValue), \(bind: enquiry.question), \(bind: enquiry.answer), \(bind: enquiry.articleID),
                    \(bind: official.id.rawValue))
                RETURNING id
                """).first() else { throw StoreError.refused("the enquiry was not stored") }
            var stored = enquiry
            stored.id = try row.decode(column: "id", as: Int.self)
            return stored
        }
    }

    public func enquiries(on day: CalendarDate) async throws -> [HotlineEnquiry] {
        try await enquiries(on: day, "")
    }

    public func enquiries(on day: CalendarDate, page: ListPage) async throws -> [HotlineEnquiry] {
        try await enquiries(on: day, page.sql)
    }

    public func tally(on day: CalendarDate) async throws -> HotlineTally {
        let counts = try await all("""
            SELECT topic, channel, COUNT(*) AS n FROM hotline_enquiries WHERE day = \(bind: day.iso) GROUP BY topic, channel
            """) { row in
            (topic: try Rows.choice(row, "topic", as: HotlineEnquiry.Topic.self),
             channel: try Rows.choice(row, "channel", as: HotlineEnquiry.Channel.self), count: try Rows.integer(row, "n"))
        }
        var tally = HotlineTally(day: day, [])
        for c in counts {
            tally.total += c.count
            tally.byTopic[c.topic, default: 0] += c.count
            tally.byChannel[c.channel, default: 0] += c.count
        }
        return tally
    }

    private func enquiries(on day: CalendarDate, _ page: SQLQueryString) async throws -> [HotlineEnquiry] {
        try await all("SELECT * FROM hotline_enquiries WHERE day = \(bind: day.iso) ORDER BY id DESC \(page)") { row in
            HotlineEnquiry(
                id: try Rows.integer(row, "id"), at: try ISO8601.date(try Rows.text(row, "at")), channel: try Rows.choice(row, "channel"),
                topic: try Rows.choice(row, "topic"),
                province: try row.decode(column: "province_code", as: String?.self).flatMap(ProvinceCode.init(rawValue:)),
                question: try Rows.text(row, "question"), answer: try Rows.text(row, "answer"),
                articleID: try row.decode(column: "article_id", as: String?.self))
        }
    }
}
