import Foundation
import Hummingbird

/// The JSON of the API, for every feature: one encoder for answers, one decoder for bodies that
/// names the field it cannot read.
enum APIJSON {
    /// Keys sorted and dates in ISO 8601, so the same content is the same bytes; a slash is
    /// written as itself (a share is `numerator/denominator`).
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// A value as a JSON answer.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = raw(try encoder.encode(value))
        response.status = status
        return response
    }

    /// JSON already written (a publication's stored content, an export).
    static func raw(_ data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The request's JSON body as `T`; an ``InputError`` names the field that is not a number as
    /// it should be, or the body when it is not JSON of that shape.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = 16 * 1024) async throws -> T {
        try decode(type, from: try await Input.body(of: request, limit: limit).data)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as InputError {
            throw error
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            throw InputError(field: path.isEmpty ? "body" : path, reason: path.isEmpty ? "json" : "count",
                             label: path.hasPrefix("votes") ? "votes" : nil)
        } catch {
            throw InputError(field: "body", reason: "json")
        }
    }
}

extension ByteBuffer {
    /// The buffer's bytes as `Data`, for decoders.
    var data: Data { Data(readableBytesView) }
}
