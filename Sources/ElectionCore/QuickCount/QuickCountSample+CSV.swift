/// The sample as a deployment list: one line per station, the drawn ones first in each stratum,
/// then its substitutes in the order they are to be used.
extension QuickCountSample {
    public static let csvColumns = [
        "station_code", "station_name", "station_name_khmer", "registered_voters", "stratum", "role", "substitute_rank",
        "inclusion_probability", "weight",
    ]

    public func csv(stations byCode: [StationCode: PollingStation]) -> String {
        var out = Self.csvColumns.joined(separator: ",") + "\n"
        for station in stations {
            let known = byCode[station.code]
            let fields = [
                station.code.rawValue, known?.nameEnglish ?? "", known?.nameKhmer ?? "", known.map { String($0.registeredVoters) } ?? "",
                station.stratum.rawValue, station.substitute == nil ? "sample" : "substitute", station.substitute.map(String.init) ?? "",
                station.inclusionProbability.description, station.weight.description,
            ]
            out += fields.map { RegisterFile.quoted($0.replacingOccurrences(of: "\n", with: " ")) }.joined(separator: ",") + "\n"
        }
        return out
    }
}
