import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: AccountStore {
    public func addOfficial(
        name: String, role: OfficialRole, unitCode: UnitCode, passwordHash: String, addedBy: String?, client: String?
    ) async throws -> Official {
        try await engine.withTransaction { tx in
            guard unitCode.level == role.unitLevel else { throw StoreError.notFound(Self.unitKind(role), unitCode.rawValue) }
            let table = switch unitCode {
            case .nation: ""
            case .province: "constituencies"
            case .commune: "communes"
            case .station: "polling_stations"
            }
            if !table.isEmpty {
                let found = try await tx.sql.raw("SELECT code FROM \(unsafeRaw: table) WHERE code = \(bind: unitCode.rawValue)").first()
                guard found != nil else { throw StoreError.notFound(Self.unitKind(role), unitCode.rawValue) }
            }
            let taken = try await tx.sql.raw("SELECT id FROM officials WHERE name = \(bind: name)").first()
            guard taken == nil else { throw StoreError.duplicate("account", name) }
            let row = try await tx.sql.raw("""
                INSERT INTO officials (name, role, unit_code, password_hash, created_at)
                VALUES (\(bind: name), \(bind: role.rawValue), \(bind: unitCode.rawValue), \(bind: passwordHash), \(bind: ISO8601.now()))
                RETURNING id
                """).first()
            guard let row else { throw StoreError.refused("the new account was not numbered") }
            let official = Official(id: OfficialID(rawValue: try row.decode(column: "id", as: Int.self)), name: name, role: role, unitCode: unitCode)
            try await Self.record(AccountEvent(officialName: name, at: Date(), kind: .added, byName: addedBy, client: client, detail: role.rawValue), for: official.id, in: tx)
            return official
        }
    }

    static func unitKind(_ role: OfficialRole) -> String {
        switch role {
        case .necAdministrator: "unit (the NEC has none)"
        case .provincialOfficial: "province"
        case .communeOfficial: "commune"
        case .stationOfficial: "polling station"
        }
    }

    public func officialAccount(named name: String) async throws -> OfficialAccount? {
        try await all("SELECT * FROM officials WHERE name = \(bind: name)", Self.account).first
    }

    public func officialAccounts(namePrefix: String, limit: Int) async throws -> [OfficialAccount] {
        // LIKE's own marks in a name are matched as themselves.
        let pattern = namePrefix.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        return try await all(
            "SELECT * FROM officials WHERE lower(name) LIKE \(bind: pattern) ESCAPE '\\' ORDER BY name LIMIT \(bind: limit)", Self.account)
    }

    private static func account(_ row: any SQLRow) throws -> OfficialAccount {
        OfficialAccount(
            official: try Rows.official(row), passwordHash: try row.decode(column: "password_hash", as: String.self),
            disabledAt: try row.decode(column: "disabled_at", as: String?.self).map(ISO8601.date))
    }

    public func officials() async throws -> [Official] {
        try await all("SELECT * FROM officials ORDER BY name", Rows.official)
    }

    public func startSession(tokenDigest: String, csrfToken: String, officialID: OfficialID, expires: Date) async throws {
        try await engine.withTransaction { tx in
            try await tx.sql.raw("""
                INSERT INTO sessions (token_digest, official_id, csrf_token, expires_at)
                VALUES (\(bind: tokenDigest), \(bind: officialID.rawValue), \(bind: csrfToken), \(bind: ISO8601.string(expires)))
                """).run()
            // Expired sessions are of no use to anyone; clearing them here keeps the table small.
            try await tx.sql.raw("DELETE FROM sessions WHERE expires_at < \(bind: ISO8601.now())").run()
        }
    }

    public func session(tokenDigest: String, now: Date) async throws -> OfficialSession? {
        try await all("""
            SELECT o.*, s.csrf_token, s.expires_at FROM sessions s JOIN officials o ON o.id = s.official_id
            WHERE s.token_digest = \(bind: tokenDigest) AND s.expires_at > \(bind: ISO8601.string(now)) AND o.disabled_at IS NULL
            """) { row in
            OfficialSession(
                official: try Rows.official(row), csrfToken: try row.decode(column: "csrf_token", as: String.self),
                expires: try ISO8601.date(try row.decode(column: "expires_at", as: String.self)))
        }.first
    }

    public func endSession(tokenDigest: String) async throws {
        try await engine.withTransaction { tx in
            try await tx.sql.raw("DELETE FROM sessions WHERE token_digest = \(bind: tokenDigest)").run()
        }
    }

    public func endSessions(of officialID: OfficialID) async throws -> Int {
        try await engine.withTransaction { tx in
            let ended = try await tx.sql.raw("SELECT COUNT(*) AS n FROM sessions WHERE official_id = \(bind: officialID.rawValue)").first()
                .map { try Rows.integer($0, "n") } ?? 0
            try await tx.sql.raw("DELETE FROM sessions WHERE official_id = \(bind: officialID.rawValue)").run()
            return ended
        }
    }

    public func addMachineToken(digest: String, officialID: OfficialID, label: String, expires: Date?) async throws {
        try await engine.withTransaction { tx in
            try await tx.sql.raw("""
                INSERT INTO machine_tokens (token_digest, official_id, label, created_at, expires_at)
                VALUES (\(bind: digest), \(bind: officialID.rawValue), \(bind: label), \(bind: ISO8601.now()), \(bind: expires.map(ISO8601.string)))
                """).run()
            let name = try await Self.name(of: officialID, in: tx)
            try await Self.record(AccountEvent(
                officialName: name, at: Date(), kind: .tokenAdded,
                detail: label + (expires.map { " until " + ISO8601.string($0) } ?? "")), for: officialID, in: tx)
        }
    }

    public func official(machineTokenDigest digest: String, now: Date) async throws -> Official? {
        try await all("""
            SELECT o.* FROM machine_tokens t JOIN officials o ON o.id = t.official_id
            WHERE t.token_digest = \(bind: digest) AND t.revoked_at IS NULL
              AND (t.expires_at IS NULL OR t.expires_at > \(bind: ISO8601.string(now))) AND o.disabled_at IS NULL
            """, Rows.official).first
    }

    public func revokeMachineTokens(of officialID: OfficialID, label: String?, at time: Date) async throws -> Int {
        try await engine.withTransaction { tx in
            let which: SQLQueryString = label.map { "AND label = \(bind: $0)" } ?? ""
            let found = try await tx.sql.raw("""
                SELECT COUNT(*) AS n FROM machine_tokens WHERE official_id = \(bind: officialID.rawValue) AND revoked_at IS NULL \(which)
                """).first().map { try Rows.integer($0, "n") } ?? 0
            guard found > 0 else { return 0 }
            try await tx.sql.raw("""
                UPDATE machine_tokens SET revoked_at = \(bind: ISO8601.string(time))
                WHERE official_id = \(bind: officialID.rawValue) AND revoked_at IS NULL \(which)
                """).run()
            let name = try await Self.name(of: officialID, in: tx)
            try await Self.record(AccountEvent(
                officialName: name, at: time, kind: .tokenRevoked, detail: "\(found) \(label.map { "labelled " + $0 } ?? "(all)")"),
                for: officialID, in: tx)
            return found
        }
    }

    public func setPassword(of officialID: OfficialID, hash: String, event: AccountEvent) async throws {
        try await engine.withTransaction { tx in
            try await tx.sql.raw("UPDATE officials SET password_hash = \(bind: hash) WHERE id = \(bind: officialID.rawValue)").run()
            try await tx.sql.raw("DELETE FROM sessions WHERE official_id = \(bind: officialID.rawValue)").run()
            try await Self.record(event, for: officialID, in: tx)
        }
    }

    public func setDisabled(_ disabled: Bool, officialID: OfficialID, event: AccountEvent) async throws {
        try await engine.withTransaction { tx in
            let stamp: String? = disabled ? ISO8601.string(event.at) : nil
            try await tx.sql.raw("UPDATE officials SET disabled_at = \(bind: stamp) WHERE id = \(bind: officialID.rawValue)").run()
            if disabled { try await tx.sql.raw("DELETE FROM sessions WHERE official_id = \(bind: officialID.rawValue)").run() }
            try await Self.record(event, for: officialID, in: tx)
        }
    }

    public func record(_ event: AccountEvent) async throws {
        try await engine.withTransaction { tx in
            guard let row = try await tx.sql.raw("SELECT id FROM officials WHERE name = \(bind: event.officialName)").first() else {
                throw StoreError.notFound("account", event.officialName)
            }
            try await Self.record(event, for: OfficialID(rawValue: try Rows.integer(row, "id")), in: tx)
        }
    }

    public func accountEvents(of officialName: String, limit: Int) async throws -> [AccountEvent] {
        try await all("""
            SELECT e.*, o.name AS official_name, b.name AS by_name FROM account_events e JOIN officials o ON o.id = e.official_id
            LEFT JOIN officials b ON b.id = e.by_official_id
            WHERE o.name = \(bind: officialName) ORDER BY e.id DESC LIMIT \(bind: limit)
            """) { row in
            let kind = try Rows.text(row, "kind")
            guard let parsed = AccountEvent.Kind(rawValue: kind) else { throw Rows.Malformed(column: "kind", value: kind) }
            return AccountEvent(
                officialName: try Rows.text(row, "official_name"), at: try ISO8601.date(try Rows.text(row, "at")), kind: parsed,
                byName: try row.decode(column: "by_name", as: String?.self), client: try row.decode(column: "client", as: String?.self),
                detail: try row.decode(column: "detail", as: String?.self))
        }
    }

    /// Appends `event` to the log of the account `officialID`, inside the caller's transaction.
    private static func record(_ event: AccountEvent, for officialID: OfficialID, in tx: any SQLTransaction) async throws {
        var by: Int?
        if let byName = event.byName {
            guard let row = try await tx.sql.raw("SELECT id FROM officials WHERE name = \(bind: byName)").first() else {
                throw StoreError.notFound("account", byName)
            }
            by = try Rows.integer(row, "id")
        }
        try await tx.sql.raw("""
            INSERT INTO account_events (official_id, at, kind, by_official_id, client, detail)
            VALUES (\(bind: officialID.rawValue), \(bind: ISO8601.string(event.at)), \(bind: event.kind.rawValue), \(bind: by),
                \(bind: event.client), \(bind: event.detail))
            """).run()
    }

    private static func name(of officialID: OfficialID, in tx: any SQLTransaction) async throws -> String {
        guard let row = try await tx.sql.raw("SELECT name FROM officials WHERE id = \(bind: officialID.rawValue)").first() else {
            throw StoreError.notFound("account", String(officialID.rawValue))
        }
        return try Rows.text(row, "name")
    }
}

extension Rows {
    static func official(_ row: any SQLRow) throws -> Official {
        let role = try row.decode(column: "role", as: String.self)
        guard let parsed = OfficialRole(rawValue: role) else { throw Malformed(column: "role", value: role) }
        return Official(
            id: OfficialID(rawValue: try row.decode(column: "id", as: Int.self)), name: try row.decode(column: "name", as: String.self),
            role: parsed, unitCode: try unit(row, "unit_code"))
    }
}
