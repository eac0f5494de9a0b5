import Foundation

/// A file a complainant attaches as evidence: a photograph or a scanned document. Only types a
/// browser shows and never runs are taken, recognised from the file's own first bytes (not from
/// its name or the type the sender claims), and only up to ``maximumBytes``.
public struct ComplaintEvidence: Sendable, Hashable, Codable {
    public enum FileType: String, Sendable, Hashable, Codable, CaseIterable {
        case jpeg = "image/jpeg"
        case png = "image/png"
        case pdf = "application/pdf"

        /// The type the file's first bytes show, or nil when it is none of these.
        public init?(sniffing bytes: some Collection<UInt8>) {
            let head = Array(bytes.prefix(8))
            if head.starts(with: [0xFF, 0xD8, 0xFF]) {
                self = .jpeg
            } else if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
                self = .png
            } else if head.starts(with: Array("%PDF-".utf8)) {
                self = .pdf
            } else {
                return nil
            }
        }

        /// The extension a downloaded copy is saved with.
        public var fileExtension: String {
            switch self {
            case .jpeg: "jpg"
            case .png: "png"
            case .pdf: "pdf"
            }
        }
    }

    /// The largest file taken.
    public static let maximumBytes = 2 * 1024 * 1024
    /// The most files one complaint carries.
    public static let maximumFiles = 3

    /// 1, 2, 3 in the order attached.
    public var number: Int
    public var type: FileType
    public var byteCount: Int
    /// SHA-256 of the file, hex: what the commission cites when it refers to the evidence.
    public var sha256: String

    public init(number: Int, type: FileType, byteCount: Int, sha256: String) {
        self.number = number
        self.type = type
        self.byteCount = byteCount
        self.sha256 = sha256
    }

    /// Why a file cannot be evidence.
    public enum Problem: String, Sendable, Hashable, CaseIterable {
        case empty
        case tooLarge = "too-large"
        /// Not a JPEG, PNG or PDF by its first bytes.
        case type
    }

    /// Why `bytes` cannot be evidence, or nil when it can.
    public static func problem(with bytes: some Collection<UInt8>) -> Problem? {
        if bytes.isEmpty { return .empty }
        if bytes.count > maximumBytes { return .tooLarge }
        return FileType(sniffing: bytes) == nil ? .type : nil
    }
}

/// A complaint with what only its handling commission sees: the complainant and the evidence.
public struct ComplaintFile: Sendable, Hashable, Encodable {
    public var complaint: Complaint
    public var complainant: Complainant
    public var evidence: [ComplaintEvidence]

    public init(complaint: Complaint, complainant: Complainant, evidence: [ComplaintEvidence]) {
        self.complaint = complaint
        self.complainant = complainant
        self.evidence = evidence
    }
}
