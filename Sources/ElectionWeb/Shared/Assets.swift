import Foundation
import Hummingbird

/// Static files: the style sheet, the observers' and the results pages' optional scripts, the OpenAPI document, and the
/// map image drawn at start.
enum Assets {
    static func addRoutes(to router: Router<PortalRequestContext>, maps: MapCatalogue) {
        let style = file("style.css")
        let openAPI = file("openapi.json")
        let observe = file("observe.js")
        let live = file("live.js")
        let finder = ByteBuffer(string: maps.finderImage)
        router.get("/assets/style.css") { _, _ in response(style, type: "text/css; charset=utf-8") }
        router.get("/assets/observe.js") { _, _ in response(observe, type: "text/javascript; charset=utf-8") }
        router.get("/assets/live.js") { _, _ in response(live, type: "text/javascript; charset=utf-8") }
        router.get("/assets/map/finder.svg") { _, _ in response(finder, type: "image/svg+xml") }
        router.get("/api/v1/openapi.json") { _, _ in response(openAPI, type: "application/json") }
    }

    private static func file(_ name: String) -> ByteBuffer {
        let url = Bundle.module.resourceURL?.appendingPathComponent("Assets").appendingPathComponent(name)
        let data = url.flatMap { try? Data(contentsOf: $0) } ?? Data()
        return ByteBuffer(bytes: data)
    }

    private static func response(_ body: ByteBuffer, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
