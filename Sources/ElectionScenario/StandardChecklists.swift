import ElectionCore
import Foundation

/// The four standard observation checklists (opening, voting, closing, counting), bundled as
/// data in `Resources/observation/checklists.json`, in English and Khmer.
public enum StandardChecklists {
    public static func load() throws -> [ChecklistForm] {
        guard let url = Bundle.module.url(forResource: "observation/checklists.json", withExtension: nil) else {
            throw ReferenceFacts.Unreadable(file: "checklists.json", reason: "missing from the bundle")
        }
        return try JSONDecoder().decode([ChecklistForm].self, from: Data(contentsOf: url))
    }
}
