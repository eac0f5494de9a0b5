import ElectionCore
import Foundation

/// The reference scenario: Cambodia's National Assembly election of 23 July 2023, from the
/// published facts where they exist and generated from a seed where they do not.
public struct CambodiaScenario: Sendable {
    /// The name users pass to `sala scenario`.
    public static let name = "cambodia-2023"
    /// Registered voters in the official results (NEC, 5 August 2023).
    public static let officialRegisteredVoters = 9_710_655
    /// Polling stations in 2023.
    public static let officialPollingStations = 23_789
    /// Candidates in 2023, and how many of them were women.
    public static let officialCandidates = 3_428
    public static let officialWomenCandidates = 1_235
    /// Police officers deployed to polling stations on election day in 2023, as the NEC's plan
    /// for the day gave it (issue 14's seed); the scenario shares them among the stations.
    public static let policeDeployed = 100_897
    /// The seed of the demo and of the published figures.
    public static let defaultSeed: UInt64 = 20_230_723

    public let seed: UInt64
    /// Size of the generated register; the official size unless a smaller demo was asked for.
    public let registerSize: Int
    public let reference: ElectionReferenceData

    /// Why a scenario cannot be built as asked.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case registerSize(Int)
        public var description: String {
            switch self {
            case .registerSize(let n):
                "the register must hold between 1 and \(CambodiaScenario.officialRegisteredVoters) voters, not \(n)"
            }
        }
    }

    /// Builds the reference data (everything but the register) for `seed`. The register of
    /// `voters` voters is generated afterwards, in batches, by ``generateRegister(batchSize:_:)``.
    public init(seed: UInt64 = CambodiaScenario.defaultSeed, voters: Int = CambodiaScenario.officialRegisteredVoters) throws {
        guard (1...Self.officialRegisteredVoters).contains(voters) else { throw Problem.registerSize(voters) }
        self.seed = seed
        self.registerSize = voters
        let facts = try ReferenceFacts.load()
        reference = ReferenceBuilder(facts: facts, seed: seed, registerSize: voters).build()
    }

    /// Generates the register station by station and hands it over in batches of about `batchSize`.
    /// The same seed and size always give the same voters, numbers and stations. The next batch is
    /// generated while `body` stores the current one, so generating and storing use two cores.
    public func generateRegister(batchSize: Int = 50_000, _ body: ([Voter]) async throws -> Void) async throws {
        let chunks = registerChunks(batchSize: batchSize)
        guard !chunks.isEmpty else { return }
        let generator = RegisterGenerator(seed: seed, electionDay: reference.election.electionDay)
        let stations = reference.pollingStations
        func start(_ chunk: RegisterChunk) -> Task<[Voter], Never> {
            Task { generator.voters(of: stations[chunk.stations], firstSerial: chunk.firstSerial) }
        }
        var next = start(chunks[0])
        defer { next.cancel() }
        for index in chunks.indices {
            let batch = await next.value
            if index + 1 < chunks.count { next = start(chunks[index + 1]) }
            try await body(batch)
        }
    }

    /// A run of consecutive stations whose voters form one batch, and the serial of its first voter.
    struct RegisterChunk {
        let stations: Range<Int>
        let firstSerial: Int
    }

    func registerChunks(batchSize: Int) -> [RegisterChunk] {
        var chunks: [RegisterChunk] = []
        var start = 0
        var serial = RegisterGenerator.firstSerial
        var voters = 0
        for (index, station) in reference.pollingStations.enumerated() {
            voters += station.registeredVoters
            if voters >= batchSize || index == reference.pollingStations.count - 1 {
                chunks.append(RegisterChunk(stations: start..<(index + 1), firstSerial: serial))
                serial += voters
                start = index + 1
                voters = 0
            }
        }
        return chunks
    }
}

extension CambodiaScenario {
    /// The police deployed on election day shared among the stations: at least two at every
    /// station, the rest by registered voters (largest remainders), so the total is ``policeDeployed``.
    public func policeAssignment() -> [StationCode: Int] {
        let stations = reference.pollingStations.sorted { $0.id < $1.id }
        guard !stations.isEmpty else { return [:] }
        let shares = Apportionment.largestRemainder(
            Self.policeDeployed, weights: stations.map { $0.registeredVoters + 1 }, minimum: min(2, Self.policeDeployed / stations.count))
        return Dictionary(uniqueKeysWithValues: zip(stations.map(\.id), shares))
    }
}
