import ElectionCore
import ElectionStore

/// Every polling station with its names prepared for searching, for the station finder and the
/// API. Read from the store at most once a minute: a station added or renamed is found within a
/// minute.
actor StationDirectory {
    /// One page of a search: how many stations match in all, and this page's, exact matches first.
    struct Found: Sendable {
        let total: Int
        let stations: [Hit]
    }

    /// A station found, with where it is.
    struct Hit: Sendable {
        let station: PollingStation
        let match: StationNameSearch.Match
        let commune: Commune?
        let province: Constituency
    }

    private struct Entry {
        let station: PollingStation
        let names: StationNameSearch.Names
        let commune: Commune?
        let province: Constituency
    }

    private let store: any ElectionStore
    private var entries: [Entry] = []
    private var loadedAt: ContinuousClock.Instant?

    init(store: any ElectionStore) {
        self.store = store
    }

    /// Stations matching `text`, optionally only in `province` and only those recorded as meeting
    /// `need`: `limit` of them from `offset`,
    /// exact matches first, each group by code.
    func search(_ text: String, province: ProvinceCode?, need: StationAccessibility.Need? = nil, offset: Int, limit: Int) async throws -> Found {
        let search = StationNameSearch(text)
        guard !search.isEmpty else { return Found(total: 0, stations: []) }
        try await load()
        var found: [Hit] = []
        for entry in entries where (province == nil || entry.station.provinceCode == province)
            && (need == nil || entry.station.accessibility.meets(need!)) {
            if let match = search.match(entry.names) {
                found.append(Hit(station: entry.station, match: match, commune: entry.commune, province: entry.province))
            }
        }
        found.sort { ($0.match, $0.station.id) < ($1.match, $1.station.id) }
        return Found(total: found.count, stations: Array(found.dropFirst(offset).prefix(limit)))
    }

    private func load() async throws {
        if let loadedAt, ContinuousClock.now - loadedAt < .seconds(60) { return }
        var entries: [Entry] = []
        for province in try await store.constituencies() {
            let communes = Dictionary(uniqueKeysWithValues: try await store.communes(inProvince: province.id).map { ($0.id, $0) })
            for station in try await store.pollingStations(inProvince: province.id) {
                entries.append(Entry(
                    station: station, names: StationNameSearch.Names(english: station.nameEnglish, khmer: station.nameKhmer),
                    commune: communes[station.communeCode], province: province))
            }
        }
        self.entries = entries
        loadedAt = .now
    }
}
