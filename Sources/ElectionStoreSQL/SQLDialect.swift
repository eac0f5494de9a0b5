/// The SQL engines the store runs on; the few places their SQL differs ask this. The raw value
/// names the engine's folder of migrations, `Migrations/<raw value>/`.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}
