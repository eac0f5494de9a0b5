import ElectionCore
import ElectionStore
import Foundation
import Hummingbird

/// The quick count in the JSON API: the mission's head draws the sample and publishes, its
/// observers send the counts posted at sampled stations, and its members (anyone, once
/// published) read the sample and the estimates. Its routes need ``ObserverAuthenticator``
/// (bearer) in front.
struct QuickCountAPI: Sendable {
    let store: any PortalStore
    let readings: QuickCountReadings

    /// A count as an observer's phone sends it: the result form's fields as an entry takes them
    /// (``ResultInput/Body``, `votes` by ballot number), with the phone's id, the station and the time.
    struct CountBody: Decodable {
        let id: String?
        let station: String?
        let observedAt: String?
        let figures: [String: String]

        private enum CodingKeys: String, CodingKey { case id, station, observedAt }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeIfPresent(String.self, forKey: .id)
            station = try container.decodeIfPresent(String.self, forKey: .station)
            observedAt = try container.decodeIfPresent(String.self, forKey: .observedAt)
            figures = try ResultInput.Body(from: decoder).fields
        }
    }

    struct PublicationBody: Decodable {
        let published: Bool?
    }

    /// The sample with every station, its stratum and its inclusion probability.
    struct SampleDocument: Encodable, Sendable {
        struct Station: Encodable, Sendable {
            let station: StationCode
            let stratum: UnitCode
            let substitute: Int?
            /// Drawn over frame in the stratum, as a fraction `a/b`.
            let inclusionProbability: String
            let weight: String
        }
        let sample: QuickCountReading.Summary
        let stations: [Station]

        init(_ sample: QuickCountSample) {
            self.sample = QuickCountReading.Summary(sample)
            stations = sample.stations.map {
                Station(station: $0.code, stratum: $0.stratum, substitute: $0.substitute, inclusionProbability: $0.inclusionProbability.description,
                        weight: $0.weight.description)
            }
        }
    }

    func addRoutes(to api: RouterGroup<PortalRequestContext>) {
        api.post("missions/:id/quick-count/sample") { request, context in
            let missionID = try Input.missionID(context.parameters.get("id"))
            _ = try context.requireObserver(.planQuickCount, forMission: missionID)
            let fields = try await APIJSON.decode(QuickCountInput.SampleFields.self, from: request)
            let sample = try await QuickCountInput.sample(fields, missionID: missionID, store: store, at: Date())
            try await store.recordQuickCountSample(sample)
            return try APIJSON.response(SampleDocument(sample), status: .created)
        }
        api.get("missions/:id/quick-count/sample") { _, context in
            try APIJSON.response(SampleDocument(try await readable(context)))
        }
        api.get("missions/:id/quick-count/sample.csv") { _, context in
            try await Self.csv(try await readable(context), store)
        }
        api.put("missions/:id/quick-count/publication") { request, context in
            let missionID = try Input.missionID(context.parameters.get("id"))
            _ = try context.requireObserver(.planQuickCount, forMission: missionID)
            guard let published = try await APIJSON.decode(PublicationBody.self, from: request).published else {
                throw InputError(field: "published", reason: "missing")
            }
            try await store.publishQuickCount(ofMission: missionID, published)
            return try APIJSON.response(QuickCountReading.Summary(try await Self.sample(missionID, store)))
        }
        api.post("missions/:id/quick-count/counts") { request, context in
            let missionID = try Input.missionID(context.parameters.get("id"))
            let observer = try context.requireObserver(.reportCount, forMission: missionID)
            let body = try await APIJSON.decode(CountBody.self, from: request)
            let count = try await QuickCountInput.count(
                id: body.id, station: body.station, observedAt: body.observedAt, figures: body.figures, missionID: missionID,
                observer: observer.seat, store: store)
            let outcome = try await store.addObservedCount(count, at: Date())
            return try APIJSON.response(count, status: outcome == .stored ? .created : .ok)
        }
        api.get("missions/:id/quick-count") { _, context in
            try APIJSON.response(try await readings.reading(try await readable(context)))
        }
    }

    /// The mission's sample, if the one asking may read it.
    private func readable(_ context: PortalRequestContext) async throws -> QuickCountSample {
        let sample = try await Self.sample(try Input.missionID(context.parameters.get("id")), store)
        try sample.requireReadable(by: context.observer?.member)
        return sample
    }

    /// The sample as a deployment list to download.
    static func csv(_ sample: QuickCountSample, _ store: any ElectionStore) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"quick-count-sample-\(sample.missionID).csv\""
        let text = sample.csv(stations: try await store.stations(sample.stations.map(\.code)))
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The mission's sample; 404 before it is drawn.
    static func sample(_ missionID: MissionID, _ store: any QuickCountStore & ObservationStore) async throws -> QuickCountSample {
        _ = try await store.mission(missionID)
        guard let sample = try await store.quickCountSample(ofMission: missionID) else {
            throw StoreError.notFound("quick-count sample", missionID.rawValue)
        }
        return sample
    }
}

extension QuickCountReading.Summary {
    init(_ sample: QuickCountSample) {
        self.init(
            missionID: sample.missionID, seed: String(sample.seed), strata: sample.strata, size: sample.size, sampled: sample.sampled.count,
            substitutesPerStratum: sample.substitutesPerStratum, plan: sample.plan, frameVersion: sample.frameVersion,
            frameStations: sample.frameStations, drawnAt: sample.drawnAt, published: sample.published)
    }
}
