extension QRCode {
    /// The symbol as SVG: one stroked path, each row's runs of dark modules as horizontal lines of
    /// width 1 (relative moves keep it short), with the standard's quiet zone of four modules. It
    /// scales to any printed size.
    public func svg(title: String = "", quietZone: Int = 4) -> String {
        let side = size + 2 * quietZone
        var path = ""
        for (y, row) in modules.enumerated() {
            var x = 0
            var end: Int?  // where the row's previous run ended
            while x < size {
                guard row[x] else {
                    x += 1
                    continue
                }
                let start = x
                while x < size, row[x] { x += 1 }
                if let end {
                    path += "m\(start - end) 0h\(x - start)"
                } else {
                    path += "M\(start + quietZone) \(y + quietZone).5h\(x - start)"
                }
                end = x
            }
        }
        let label = title.isEmpty ? "" : "<title>\(Self.escaped(title))</title>"
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges" role="img">\
            \(label)<rect width="\(side)" height="\(side)" fill="#fff"/><path d="\(path)" stroke="#000"/></svg>
            """
    }

    /// The symbol as lines of `1` (dark) and `0` (light), row by row, for tools that read it.
    public var text: String {
        modules.map { row in String(row.map { $0 ? "1" : "0" }) }.joined(separator: "\n")
    }

    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
