import ElectionCore
import ElectionStore
import Foundation
import SQLKit

extension SQLElectionStore: AccountStore {
    public func addOfficial(name: String, role: OfficialRole, unitCode: UnitCode, passwordHash: String) async throws -> Official {
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
            return Official(id: OfficialID(rawValue: try row.decode(column: "id", as: Int.self)), name: name, role: role, unitCode: unitCode)
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
        try await all("SELECT * FROM officials WHERE name = \(bind: name)") { row in
            OfficialAccount(official: try Rows.official(row), passwordHash: try row.decode(column: "password_hash", as: String.self))
        }.first
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
            WHERE s.token_digest = \(bind: tokenDigest) AND s.expires_at > \(bind: ISO8601.string(now))
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

    public func addMachineToken(digest: String, officialID: OfficialID, label: String) async throws {
        try await engine.withTransaction { tx in
            try await tx.sql.raw("""
                INSERT INTO machine_tokens (token_digest, official_id, label, created_at)
                VALUES (\(bind: digest), \(bind: officialID.rawValue), \(bind: label), \(bind: ISO8601.now()))
                """).run()
        }
    }

    public func official(machineTokenDigest digest: String) async throws -> Official? {
        try await all("""
            SELECT o.* FROM machine_tokens t JOIN officials o ON o.id = t.official_id WHERE t.token_digest = \(bind: digest)
            """, Rows.official).first
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
