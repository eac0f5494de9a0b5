import Foundation
import Hummingbird

/// Static files: the observers' and the results pages' optional scripts, the OpenAPI document,
/// and the map image drawn at start. (The style sheet is written into every page.)
enum Assets {
    static func addRoutes(to router: Router<PortalRequestContext>, maps: MapCatalogue) {
        let openAPI = file("openapi.json")
        let observe = file("observe.js")
        let live = file("live.js")
        let invalid = file("invalid.js")
        let finder = ByteBuffer(string: maps.finderImage)
        router.get("/assets/observe.js") { _, _ in response(observe, type: "text/javascript; charset=utf-8") }
        router.get("/assets/live.js") { _, _ in response(live, type: "text/javascript; charset=utf-8") }
        router.get("/assets/invalid.js") { _, _ in response(invalid, type: "text/javascript; charset=utf-8") }
        router.get("/assets/map/finder.svg") { _, _ in response(finder, type: "image/svg+xml") }
        router.get("/api/v1/openapi.json") { _, _ in response(openAPI, type: "application/json") }
    }

    private static func file(_ name: String) -> ByteBuffer {
        ByteBuffer(bytes: data(name))
    }

    /// A bundled asset as text (the style sheet pages carry).
    static func text(_ name: String) -> String {
        String(decoding: data(name), as: UTF8.self)
    }

    private static func data(_ name: String) -> Data {
        let url = Bundle.module.resourceURL?.appendingPathComponent("Assets").appendingPathComponent(name)
        return url.flatMap { try? Data(contentsOf: $0) } ?? Data()
    }

    private static func response(_ body: ByteBuffer, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
