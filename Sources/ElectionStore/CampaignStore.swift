import ElectionCore
import Foundation

/// The campaign's airtime as the NEC publishes it.
public protocol CampaignStore: Sendable {
    /// Publishes a draw (numbered from 1). The first needs no reason; a change does (``Refusal``
    /// `reasonRequired`). Refused unless the official may `publishAirtime`.
    func publishAirtime(_ draw: AirtimeDraw, reason: String, by official: Official, at time: Date) async throws -> AirtimePublication
    /// Every publication, the newest last.
    func airtimePublications() async throws -> [AirtimePublication]
}
