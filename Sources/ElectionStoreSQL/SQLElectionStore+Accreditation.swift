import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: AccreditationStore {
    public func addOrganisation(_ organisation: AccreditingOrganisation) async throws {
        try await engine.withTransaction { tx in
            guard try await tx.sql.raw("SELECT id FROM accrediting_organisations WHERE id = \(bind: organisation.id)").first() == nil else {
                throw StoreError.duplicate("organisation", organisation.id)
            }
            try await Self.insert(organisation, in: tx)
        }
    }

    public func applyAsOrganisation(_ organisation: AccreditingOrganisation, codeDigest: String) async throws -> AccreditingOrganisation {
        try await engine.withTransaction { tx in
            if tx.dialect == .postgres { try await tx.sql.raw("LOCK TABLE accrediting_organisations IN EXCLUSIVE MODE").run() }
            let taken = Set(try await tx.sql.raw("""
                SELECT id FROM accrediting_organisations WHERE id = \(bind: organisation.id) OR id LIKE \(bind: organisation.id + "-%")
                """).all().map { try $0.decode(column: "id", as: String.self) })
            var stored = organisation
            stored.registration = .applied
            var suffix = 1
            while taken.contains(stored.id) {
                suffix += 1
                stored.id = "\(organisation.id)-\(suffix)"
            }
            try await Self.insert(stored, in: tx)
            try await tx.sql.raw("INSERT INTO organisation_codes (code_digest, organisation_id) VALUES (\(bind: codeDigest), \(bind: stored.id))").run()
            return stored
        }
    }

    public func decideRegistration(_ id: String, register: Bool, reason: String, by official: Official) async throws -> AccreditingOrganisation {
        try official.require(.decideAccreditation, on: .nation)
        return try await engine.withTransaction { tx in
            guard let row = try await tx.sql.raw("SELECT * FROM accrediting_organisations WHERE id = \(bind: id)").first() else {
                throw StoreError.notFound("organisation", id)
            }
            let decided = try Self.organisation(row).registrationDecided(register: register, reason: reason)
            try await tx.sql.raw("""
                UPDATE accrediting_organisations SET registration = \(bind: decided.registration.rawValue), registration_reason = \(bind: decided.reason),
                    registration_decided_by = \(bind: official.id), registration_decided_at = \(bind: ISO8601.now())
                WHERE id = \(bind: id)
                """).run()
            return decided
        }
    }

    private static func insert(_ organisation: AccreditingOrganisation, in tx: any SQLTransaction) async throws {
        try await tx.sql.raw("""
            INSERT INTO accrediting_organisations (id, name_en, name_km, kind, contact, registration, registration_reason)
            VALUES (\(bind: organisation.id), \(bind: organisation.nameEnglish), \(bind: organisation.nameKhmer),
                \(bind: organisation.kind.rawValue), \(bind: organisation.contact), \(bind: organisation.registration.rawValue),
                \(bind: organisation.reason))
            """).run()
    }

    public func accreditingOrganisations() async throws -> [AccreditingOrganisation] {
        try await all("SELECT * FROM accrediting_organisations ORDER BY id", Self.organisation)
    }

    public func accreditingOrganisation(_ id: String) async throws -> AccreditingOrganisation {
        try await one("SELECT * FROM accrediting_organisations WHERE id = \(bind: id)", Self.organisation, "organisation", id)
    }

    public func addOrganisationCode(digest: String, organisation: String) async throws {
        _ = try await accreditingOrganisation(organisation)
        try await engine.withTransaction { tx in
            try await tx.sql.raw("INSERT INTO organisation_codes (code_digest, organisation_id) VALUES (\(bind: digest), \(bind: organisation))").run()
        }
    }

    public func accreditingOrganisation(codeDigest: String) async throws -> AccreditingOrganisation? {
        try await all("""
            SELECT o.* FROM organisation_codes c JOIN accrediting_organisations o ON o.id = c.organisation_id
            WHERE c.code_digest = \(bind: codeDigest)
            """, Self.organisation).first
    }

    public func publishCodeOfConduct(_ code: CodeOfConduct) async throws {
        try await engine.withTransaction { tx in
            let newest = try await tx.sql.raw("""
                SELECT COALESCE(MAX(version), 0) AS newest FROM codes_of_conduct WHERE category = \(bind: code.category.rawValue)
                """).first()?.decode(column: "newest", as: Int.self) ?? 0
            guard code.version == newest + 1 else {
                throw Refusal(.wrongState, field: "version", "the next version of the \(code.category.rawValue) code is \(newest + 1)")
            }
            try await tx.sql.raw("""
                INSERT INTO codes_of_conduct (category, version, title_en, title_km, text_en, text_km, published_on)
                VALUES (\(bind: code.category.rawValue), \(bind: code.version), \(bind: code.titleEnglish), \(bind: code.titleKhmer),
                    \(bind: code.textEnglish), \(bind: code.textKhmer), \(bind: code.publishedOn.iso))
                """).run()
        }
    }

    public func codesOfConduct() async throws -> [CodeOfConduct] {
        try await all("SELECT * FROM codes_of_conduct ORDER BY category, version") { row in
            CodeOfConduct(
                category: try Self.category(row), version: try row.decode(column: "version", as: Int.self),
                titleEnglish: try row.decode(column: "title_en", as: String.self), titleKhmer: try row.decode(column: "title_km", as: String.self),
                textEnglish: try row.decode(column: "text_en", as: String.self), textKhmer: try row.decode(column: "text_km", as: String.self),
                publishedOn: try Rows.date(row, "published_on"))
        }
    }

    public func submitApplications(_ applications: [AccreditationApplication]) async throws -> [AccreditationApplication] {
        guard !applications.isEmpty else { return [] }
        return try await engine.withTransaction { tx in
            if tx.dialect == .postgres { try await tx.sql.raw("LOCK TABLE accreditation_applications IN EXCLUSIVE MODE").run() }
            let known = Dictionary(uniqueKeysWithValues: try await tx.sql.raw("SELECT * FROM accrediting_organisations").all().map {
                let organisation = try Self.organisation($0)
                return (organisation.id, organisation)
            })
            for id in Set(applications.map(\.organisationID)) {
                guard let organisation = known[id] else { throw StoreError.notFound("organisation", id) }
                try organisation.requireRegistered()
            }
            let codes = Set(try await tx.sql.raw("SELECT category, version FROM codes_of_conduct").all().map {
                "\(try $0.decode(column: "category", as: String.self)) \(try $0.decode(column: "version", as: Int.self))"
            })
            if let unknown = applications.first(where: { !codes.contains("\($0.category.rawValue) \($0.codeOfConductVersion)") }) {
                throw StoreError.notFound("code of conduct", "\(unknown.category.rawValue) \(unknown.codeOfConductVersion)")
            }
            let highest = try await tx.sql.raw("SELECT COALESCE(MAX(id), 0) AS highest FROM accreditation_applications").first()?
                .decode(column: "highest", as: Int.self) ?? 0
            let numbered = applications.enumerated().map { i, application in
                var numbered = application
                numbered.id = highest + 1 + i
                return numbered
            }
            try await tx.bulkInsert(
                into: "accreditation_applications",
                columns: ["id", "organisation_id", "category", "name_km", "name_latin", "sex", "nationality", "code_version", "status",
                          "reason", "valid_from", "valid_until"],
                rows: numbered.map { a in
                    [.integer(a.id), .text(a.organisationID), .text(a.category.rawValue), .text(a.name.khmer), .text(a.name.latin),
                     .text(a.sex.rawValue), .text(a.nationality), .integer(a.codeOfConductVersion), .text(a.status.rawValue), .text(a.reason),
                     .optional(a.validFrom?.iso), .optional(a.validUntil?.iso)]
                })
            return numbered
        }
    }

    public func accreditationApplication(_ id: Int) async throws -> AccreditationApplication {
        try await one("SELECT * FROM accreditation_applications WHERE id = \(bind: id)", Self.accreditationApplication, "application", String(id))
    }

    public func accreditationApplications(
        organisation: String?, status: AccreditationApplication.Status?, after: Int, limit: Int
    ) async throws -> [AccreditationApplication] {
        try await all("""
            SELECT * FROM accreditation_applications
            WHERE id > \(bind: after)
                AND (\(bind: organisation) IS NULL OR organisation_id = \(bind: organisation))
                AND (\(bind: status?.rawValue) IS NULL OR status = \(bind: status?.rawValue))
            ORDER BY id LIMIT \(bind: limit)
            """, Self.accreditationApplication)
    }

    public func decideApplications(_ ids: [Int], _ decision: AccreditationDecision, by official: Official, at time: Date) async throws -> Int {
        try official.require(.decideAccreditation, on: .nation)
        let (reason, from, until): (String, String?, String?) = switch decision {
        case .accept(let validFrom, let validUntil): ("", validFrom.iso, validUntil.iso)
        case .refuse(let text), .askForMore(let text): (text, nil, nil)
        }
        let waiting = AccreditationApplication.Status.allCases.filter(AccreditationDecision.mayDecide).map(\.rawValue)
        return try await engine.withTransaction { tx in
            var decided = 0
            for chunk in ids.chunked(500) {
                let rows = try await tx.sql.raw("""
                    UPDATE accreditation_applications
                    SET status = \(bind: decision.status.rawValue), reason = \(bind: reason), valid_from = \(bind: from),
                        valid_until = \(bind: until), decided_by = \(bind: official.id.rawValue), decided_at = \(bind: ISO8601.string(time))
                    WHERE id IN \(list: chunk) AND status IN \(list: waiting)
                    RETURNING id
                    """).all()
                decided += rows.count
            }
            return decided
        }
    }

    public func revokeAccreditation(_ id: Int, reason: String, by official: Official, at time: Date) async throws -> AccreditationApplication {
        try official.require(.decideAccreditation, on: .nation)
        try await engine.withTransaction { tx in
            guard let row = try await tx.sql.raw("SELECT status FROM accreditation_applications WHERE id = \(bind: id)").first() else {
                throw StoreError.notFound("application", String(id))
            }
            guard try row.decode(column: "status", as: String.self) == AccreditationApplication.Status.accepted.rawValue else {
                throw Refusal(.wrongState, field: "badge", "badge \(AccreditationApplication.badgeNumber(id)) is not accepted")
            }
            try await tx.sql.raw("""
                UPDATE accreditation_applications SET status = 'revoked', reason = \(bind: reason), decided_by = \(bind: official.id.rawValue),
                    decided_at = \(bind: ISO8601.string(time))
                WHERE id = \(bind: id)
                """).run()
        }
        return try await accreditationApplication(id)
    }

    public func revokedBadges() async throws -> [String: String] {
        try await revokedBadges("")
    }

    public func revokedBadges(page: ListPage) async throws -> [String: String] {
        try await revokedBadges(page.sql)
    }

    private func revokedBadges(_ page: SQLQueryString) async throws -> [String: String] {
        let rows = try await all("SELECT id, reason FROM accreditation_applications WHERE status = 'revoked' ORDER BY id \(page)") { row in
            (AccreditationApplication.badgeNumber(try row.decode(column: "id", as: Int.self)), try row.decode(column: "reason", as: String.self))
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    public func applicationCounts() async throws -> [String: [AccreditationApplication.Status: Int]] {
        let rows = try await all("""
            SELECT organisation_id, status, COUNT(*) AS n FROM accreditation_applications GROUP BY organisation_id, status
            """) { row in
            (try row.decode(column: "organisation_id", as: String.self), try row.decode(column: "status", as: String.self),
             try row.decode(column: "n", as: Int.self))
        }
        var counts: [String: [AccreditationApplication.Status: Int]] = [:]
        for (organisation, status, n) in rows {
            if let status = AccreditationApplication.Status(rawValue: status) { counts[organisation, default: [:]][status] = n }
        }
        return counts
    }

    public func accreditationStatistics() async throws -> AccreditationStatistics {
        let lines = try await all("""
            SELECT o.id, o.name_en, o.name_km, a.category, COUNT(*) AS accredited
            FROM accreditation_applications a JOIN accrediting_organisations o ON o.id = a.organisation_id
            WHERE a.status = 'accepted'
            GROUP BY o.id, o.name_en, o.name_km, a.category
            """) { row in
            AccreditationStatistics.Line(
                organisationID: try row.decode(column: "id", as: String.self), nameEnglish: try row.decode(column: "name_en", as: String.self),
                nameKhmer: try row.decode(column: "name_km", as: String.self), category: try Self.category(row),
                accredited: try row.decode(column: "accredited", as: Int.self))
        }
        return AccreditationStatistics(organisations: lines)
    }

    public func badgeSigningKey(orMake make: @Sendable () -> Data) async throws -> Data {
        try await engine.withTransaction { tx in
            if let row = try await tx.sql.raw("SELECT private_key FROM badge_keys WHERE id = 1").first(),
               let key = Data(base64Encoded: try row.decode(column: "private_key", as: String.self)) {
                return key
            }
            let key = make()
            try await tx.sql.raw("""
                INSERT INTO badge_keys (id, private_key) VALUES (1, \(bind: key.base64EncodedString())) ON CONFLICT (id) DO NOTHING
                """).run()
            let stored = try await tx.sql.raw("SELECT private_key FROM badge_keys WHERE id = 1").first()
            return stored.flatMap { try? Data(base64Encoded: $0.decode(column: "private_key", as: String.self)) } ?? key
        }
    }

    // MARK: Rows

    private static func category(_ row: any SQLRow) throws -> AccreditationCategory {
        let text = try row.decode(column: "category", as: String.self)
        guard let category = AccreditationCategory(rawValue: text) else { throw Rows.Malformed(column: "category", value: text) }
        return category
    }

    private static func organisation(_ row: any SQLRow) throws -> AccreditingOrganisation {
        let kind = try row.decode(column: "kind", as: String.self)
        return AccreditingOrganisation(
            id: try row.decode(column: "id", as: String.self), nameEnglish: try row.decode(column: "name_en", as: String.self),
            nameKhmer: try row.decode(column: "name_km", as: String.self),
            kind: AccreditingOrganisation.Kind(rawValue: kind) ?? .national, contact: try row.decode(column: "contact", as: String.self),
            registration: AccreditingOrganisation.Registration(rawValue: try row.decode(column: "registration", as: String.self)) ?? .applied,
            reason: try row.decode(column: "registration_reason", as: String.self))
    }

    static func accreditationApplication(_ row: any SQLRow) throws -> AccreditationApplication {
        let status = try row.decode(column: "status", as: String.self)
        return AccreditationApplication(
            id: try row.decode(column: "id", as: Int.self), organisationID: try row.decode(column: "organisation_id", as: String.self),
            category: try category(row),
            name: PersonName(khmer: try row.decode(column: "name_km", as: String.self), latin: try row.decode(column: "name_latin", as: String.self)),
            sex: Sex(rawValue: try row.decode(column: "sex", as: String.self)) ?? .female,
            nationality: try row.decode(column: "nationality", as: String.self),
            codeOfConductVersion: try row.decode(column: "code_version", as: Int.self),
            status: AccreditationApplication.Status(rawValue: status) ?? .submitted, reason: try row.decode(column: "reason", as: String.self),
            validFrom: try row.decode(column: "valid_from", as: String?.self).flatMap { CalendarDate(iso: $0) },
            validUntil: try row.decode(column: "valid_until", as: String?.self).flatMap { CalendarDate(iso: $0) })
    }
}
