import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` body (a form that attaches files), parsed by MultipartKit: its text
/// fields, and its files in the order sent.
struct MultipartForm {
    struct File {
        /// The form field that carried it.
        let field: String
        let bytes: [UInt8]
    }

    var fields: [String: String] = [:]
    var files: [File] = []

    /// The body's parts; a body that is not well-formed multipart is refused as `field`.
    init(_ body: ByteBuffer, contentType: String?, field: String) throws {
        guard let contentType, let boundary = Self.boundary(contentType) else { throw InputError(field: field, reason: "multipart") }
        let parser = MultipartParser(boundary: boundary)
        var headers: [String: String] = [:], bytes: [UInt8] = []
        var parts: [(headers: [String: String], bytes: [UInt8])] = []
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { buffer in bytes += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            parts.append((headers, bytes))
            (headers, bytes) = ([:], [])
        }
        do { try parser.execute(body) } catch { throw InputError(field: field, reason: "multipart") }
        for part in parts {
            guard let disposition = part.headers["content-disposition"], let name = Self.parameter("name", of: disposition) else { continue }
            if Self.parameter("filename", of: disposition) != nil {
                // A file input left empty is sent as a part with an empty name and no bytes.
                if !part.bytes.isEmpty { files.append(File(field: name, bytes: part.bytes)) }
            } else {
                fields[name] = String(decoding: part.bytes, as: UTF8.self)
            }
        }
    }

    /// Whether the request's body is multipart (a form with a file input) rather than URL-encoded.
    static func isMultipart(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true
    }

    private static func boundary(_ contentType: String) -> String? {
        parameter("boundary", of: contentType).flatMap { $0.isEmpty || $0.count > 70 ? nil : $0 }
    }

    /// A header's `key=value` or `key="value"` parameter.
    private static func parameter(_ key: String, of header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
