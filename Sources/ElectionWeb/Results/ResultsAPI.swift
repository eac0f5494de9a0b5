import ElectionCore
import ElectionStore
import Foundation
import HTTPTypes
import Hummingbird

/// The results part of the JSON API: totals, seats, forms and their history, publications, and
/// the officials' actions (with a bearer token).
/// Its routes need ``MachineAuthenticator`` in front.
struct ResultsAPI: Sendable {
    private(set) var store: any ElectionStore & ResultStore
    let desk: FormDesk
    private(set) var reports: ReportCache
    /// Where an anonymous caller's reads go: the replicas' store and its report (nil: the primary).
    var publicReads: (store: any ElectionStore & ResultStore, reports: ReportCache)? = nil
    /// Signs each publication.
    let keys: NECKeys
    /// The nation's and the provinces' results, kept while the report they come from is the same.
    let kept = AnswerMemo()
    /// The header that carries a publication content's Ed25519 signature (`sala verify publication`).
    static let signatureHeader = HTTPField.Name("X-Sala-Signature")!

    /// A version of a form as the public sees it: figures only once accepted, never the entries.
    struct PublicVersion: Encodable, Sendable {
        let version: Int
        let status: FormStatus
        let reason: String?
        let warnings: [String]
        let counts: ResultCounts?
    }
    struct StationResult: Encodable, Sendable {
        let pollingStation: PollingStation
        let totals: ResultTotals?
        let versions: [PublicVersion]
        let history: [PublicEvent]
    }
    /// A line of a station's history as the public sees it: the role that acted, not the account.
    struct PublicEvent: Encodable, Sendable {
        let version: Int
        let at: Date
        let officialRole: OfficialRole
        let action: String
        let status: FormStatus
        let detail: String?

        init(_ event: FormEvent) {
            (version, at, officialRole, action, status, detail) =
                (event.version, event.at, event.officialRole, event.action, event.status, event.detail)
        }
    }
    struct UnitResult: Encodable, Sendable {
        let totals: ResultTotals
        let units: [ResultTotals]
    }
    struct ProvinceResult: Encodable, Sendable {
        let result: ResultsReport.ConstituencyResult
        let communes: [ResultTotals]
    }
    struct ConfirmationRequest: Decodable {
        let level: String
        let code: String?
    }
    struct CorrectionRequest: Decodable {
        let version: Int
        let reason: String?
    }
    struct VersionRequest: Decodable {
        let version: Int
    }

    func addRoutes(to api: RouterGroup<PortalRequestContext>) {
        // Reads: from the replicas for an anonymous caller (see `reader`).
        func read(_ path: RouterPath, _ answer: @escaping @Sendable (ResultsAPI, Request, PortalRequestContext) async throws -> Response) {
            api.get(path) { request, context in try await answer(reader(context), request, context) }
        }
        read("results") { api, _, _ in
            let (report, stamp, _) = try await api.reports.stamped()
            return try await kept.answer("\(ObjectIdentifier(api.reports))/results", stamp: stamp) { try APIJSON.response(report) }
        }
        read("results/nist-cdf.json") { api, request, _ in
            let query = Input.query(of: request)
            let province = try Input.optionalProvince(query["province"])
            let report = try await api.reports.report()
            return try APIJSON.raw(NISTResultsExport.json(
                report, generatedAt: Date(), detail: try await api.nistDetail(query["detail"].map(String.init), province: province)))
        }
        read("results/provinces/:code") { api, _, context in
            let code = try Input.code(context.parameters.get("code"), as: ProvinceCode.self)
            let (report, stamp, _) = try await api.reports.stamped()
            return try await kept.answer("\(ObjectIdentifier(api.reports))/results/provinces/\(code)", stamp: stamp) {
                guard let result = report.constituencies.first(where: { $0.constituency.id == code }) else {
                    throw StoreError.notFound("province", code.rawValue)
                }
                return try APIJSON.response(ProvinceResult(
                    result: result, communes: try await api.store.resultTotals(level: .commune, within: code.unit)))
            }
        }
        read("results/communes/:code") { api, _, context in
            let code = try Input.code(context.parameters.get("code"), as: CommuneCode.self)
            _ = try await api.store.commune(code)
            guard let totals = try await api.store.resultTotals(level: .commune, within: code.unit).first else {
                throw StoreError.notFound("commune", code.rawValue)
            }
            return try APIJSON.response(UnitResult(totals: totals, units: try await api.store.resultTotals(level: .station, within: code.unit)))
        }
        read("results/stations/:code") { api, _, context in
            let code = try Input.code(context.parameters.get("code"), as: StationCode.self)
            let station = try await api.store.pollingStation(code)
            let versions = try await api.store.resultFormVersions(station: code).map {
                PublicVersion(version: $0.version, status: $0.status, reason: $0.reason, warnings: $0.warnings,
                              counts: $0.status == .accepted ? $0.counts : nil)
            }
            let totals = try await api.store.resultTotals(level: .station, within: code.unit).first
            return try APIJSON.response(StationResult(
                pollingStation: station, totals: totals?.stationsReported == 1 ? totals : nil, versions: versions,
                history: try await api.store.formEvents(station: code).map(PublicEvent.init)))
        }
        read("results/csv/:level") { api, request, context in
            let province = try Input.optionalProvince(Input.query(of: request)["province"])
            return try await api.csv(context.parameters.get("level") ?? "", province: province)
        }
        read("results/publications") { api, _, _ in try APIJSON.response(try await api.store.publications()) }
        // The current publication is a pointer to the newest; the snapshots themselves never change.
        read("results/publications/current") { api, _, _ in
            guard let newest = try await api.store.publications().first else { throw StoreError.notFound("publication", "current") }
            var response = Response.redirect(to: "/api/v1/results/publications/\(newest.number)", type: .found)
            response.headers[.cacheControl] = "no-cache"
            return response
        }
        read("results/publications/:number") { api, _, context in
            var p = try await api.store.publication(try Input.publicationNumber(context.parameters.get("number")))
            p.content = Data()
            return try APIJSON.response(p)
        }
        read("results/publications/:number/content") { api, _, context in
            let p = try await api.store.publication(try Input.publicationNumber(context.parameters.get("number")))
            var response = APIJSON.raw(p.content)
            response.headers[HTTPField.Name("Digest")!] = "sha-256=\(p.digest)"
            if let signature = p.signature { response.headers[Self.signatureHeader] = signature }
            return response
        }
        read("results/publications/:number/nist-cdf.json") { api, _, context in
            let p = try await api.store.publication(try Input.publicationNumber(context.parameters.get("number")))
            return try APIJSON.raw(NISTResultsExport.json(try p.report(), generatedAt: p.publishedAt, publication: p.number.rawValue))
        }

        api.post("results/stations/:code/entries") { request, context in
            try await act(request, context) { body, ballot in
                let parsed = try APIJSON.decode(ResultInput.Body.self, from: body.data)
                return (try ResultInput.version(parsed.versionText), .enter(try ResultInput.counts(parsed.fields, ballot: ballot)))
            }
        }
        api.post("results/stations/:code/resolution") { request, context in
            try await act(request, context) { body, ballot in
                let parsed = try APIJSON.decode(ResultInput.Body.self, from: body.data)
                return (try ResultInput.version(parsed.versionText), .resolve(try ResultInput.counts(parsed.fields, ballot: ballot)))
            }
        }
        api.post("results/stations/:code/acknowledgement") { request, context in
            try await act(request, context) { body, _ in
                (try APIJSON.decode(VersionRequest.self, from: body.data).version, .acknowledge)
            }
        }
        api.post("results/stations/:code/corrections") { request, context in
            try await act(request, context) { body, _ in
                let parsed = try APIJSON.decode(CorrectionRequest.self, from: body.data)
                return (parsed.version, .correct(reason: parsed.reason ?? ""))
            }
        }
        api.post("results/confirmations") { request, context in
            let official = try context.requireMachine()
            let parsed = try await APIJSON.decode(ConfirmationRequest.self, from: request)
            guard let level = ResultLevel(rawValue: parsed.level) else { throw InputError(field: "level", reason: "result_level") }
            let unit = level == .national ? UnitCode.nation : try Input.unit(parsed.code, level: level)
            try await store.confirmResults(unit, by: official, at: Date())
            await reports.invalidate()
            return try APIJSON.response(try await store.resultTotals(level: level, within: unit).first)
        }
        api.post("results/publications") { _, context in
            let official = try context.requireMachine()
            // A publication is computed afresh, never from the cache.
            let signer = try await keys.current()
            var p = try await store.publishResults(by: official, at: Date(), signing: signer.signature(of:))
            p.content = Data()
            return try APIJSON.response(p, status: .created)
        }
    }


    /// This API as a request reads it: an anonymous caller's reads go to ``publicReads``; a signed-in
    /// caller's go to the primary, so that a machine reads back at once what it has just written.
    private func reader(_ context: PortalRequestContext) -> ResultsAPI {
        guard context.identity == nil, let publicReads else { return self }
        var api = self
        (api.store, api.reports) = publicReads
        return api
    }

    /// The communes or stations (`detail`) a NIST report gives below their provinces: all communes,
    /// or one province's (`province`); stations only for one province, as the whole country's would
    /// be some 60 MB (its stations' figures are in the CSV).
    private func nistDetail(_ detail: String?, province: ProvinceCode?) async throws -> [NISTResultsExport.DetailUnit] {
        let within: UnitCode = province.map { .province($0) } ?? .nation
        switch detail {
        case nil, "": return []
        case "communes":
            var communes: [UnitCode: Commune] = [:]
            for p in try await store.constituencies() where province == nil || p.id == province {
                for c in try await store.communes(inProvince: p.id) { communes[.commune(c.id)] = c }
            }
            return try await store.resultTotals(level: .commune, within: within).compactMap { t in
                communes[t.code].map { .init(totals: t, nameEnglish: $0.nameEnglish, nameKhmer: $0.nameKhmer, kind: $0.kind) }
            }
        case "stations":
            guard let province else { throw InputError(field: "province", reason: "missing") }
            let stations = Dictionary(uniqueKeysWithValues: try await store.pollingStations(inProvince: province).map { (UnitCode.station($0.id), $0) })
            return try await store.resultTotals(level: .station, within: within).compactMap { t in
                stations[t.code].map { .init(totals: t, nameEnglish: $0.nameEnglish, nameKhmer: $0.nameKhmer) }
            }
        default:
            throw InputError(field: "detail", reason: "choice")
        }
    }

    /// The results as CSV at one level (`national`, `provinces`, `communes`, `stations`), all of the
    /// country or one province's; the stations' file is every accepted form.
    private func csv(_ level: String, province: ProvinceCode?) async throws -> Response {
        let report = try await reports.report()
        let provinces = report.constituencies.map(\.constituency).filter { province == nil || $0.id == province }
        var names: [UnitCode: (english: String, khmer: String)] = [.nation: ("Cambodia", "កម្ពុជា")]
        for p in provinces { names[.province(p.id)] = (p.nameEnglish, p.nameKhmer) }
        let within: UnitCode = province.map { .province($0) } ?? .nation
        let units: [ResultTotals]
        switch level {
        case "national":
            units = [report.national]
        case "provinces":
            units = report.constituencies.filter { province == nil || $0.constituency.id == province }.map(\.totals)
        case "communes":
            for p in provinces { for c in try await store.communes(inProvince: p.id) { names[.commune(c.id)] = (c.nameEnglish, c.nameKhmer) } }
            units = try await store.resultTotals(level: .commune, within: within)
        case "stations":
            for p in provinces {
                for s in try await store.pollingStations(inProvince: p.id) { names[.station(s.id)] = (s.nameEnglish, s.nameKhmer) }
            }
            units = try await store.resultTotals(level: .station, within: within)
        default:
            throw InputError(field: "level", reason: "choice")
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        let file = "results-\(level)\(province.map { "-\($0)" } ?? "").csv"
        headers[.contentDisposition] = "attachment; filename=\"\(file)\""
        let text = ResultsCSV.text(units, names: names, parties: report.parties)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Applies one official's action on a station, parsed from the body by `parse`.
    private func act(
        _ request: Request, _ context: PortalRequestContext,
        parse: (ByteBuffer, [PartyNumber]) throws -> (Int, FormAction)
    ) async throws -> Response {
        let official = try context.requireMachine()
        let code = try Input.code(context.parameters.get("code"), as: StationCode.self)
        let station = try await store.pollingStation(code)
        let ballot = try await store.ballot(constituency: station.provinceCode)
        let (version, action) = try parse(try await Input.body(of: request), ballot)
        let form = try await desk.submit(FormRequest(stationCode: code, expectedVersion: version, action: action, official: official))
        return try APIJSON.response(
            PublicVersion(version: form.version, status: form.status, reason: form.reason, warnings: form.warnings,
                          counts: form.status == .accepted ? form.counts : nil),
            status: form.version != version ? .created : .ok)
    }
}
