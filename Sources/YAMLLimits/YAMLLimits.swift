import Foundation
import Yams

/// The limits of every YAML file the tool reads (scenarios, sizing and calibration specs,
/// criteria files): size on disk, nodes and text with aliases expanded, and nesting. Counting
/// stops at a limit, so an alias bomb costs at most `maxNodes` steps.
public enum YAMLLimits {
    public static let maxFileBytes = 1 << 20
    public static let maxNodes = 100_000
    public static let maxDepth = 64
    /// Text (keys and scalars) a file may expand to through its aliases.
    public static let maxExpandedBytes = 4 << 20

    /// Why `root` is too large (a 'billion laughs' file, or many aliases of one long
    /// string) or too deep, or nil.
    public static func problem(_ root: Node) -> String? {
        var count = 0, deepest = 0, bytes = 0
        func walk(_ node: Node, _ depth: Int) -> Bool {
            count += 1
            deepest = max(deepest, depth)
            if count > maxNodes || depth > maxDepth { return false }
            switch node {
            case .mapping(let m): return m.allSatisfy { walk($0.key, depth + 1) && walk($0.value, depth + 1) }
            case .sequence(let q): return q.allSatisfy { walk($0, depth + 1) }
            case .scalar(let x):
                bytes += x.string.utf8.count
                return bytes <= maxExpandedBytes
            default: return true
            }
        }
        if walk(root, 0) { return nil }
        if deepest > maxDepth { return "nested deeper than \(maxDepth) levels" }
        if bytes > maxExpandedBytes { return "expands to more than \(maxExpandedBytes >> 20) MB of text (are aliases expanding?)" }
        return "more than \(maxNodes) YAML nodes (are aliases expanding?)"
    }

    /// A regular file of at most `maxFileBytes`, as UTF-8 text; otherwise why not, in words.
    public static func read(_ path: String) -> Result<String, Refusal> {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return .failure(Refusal(errno == ENOENT ? "no such file" : "cannot read the file (\(String(cString: strerror(errno))))"))
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .failure(Refusal("is a folder; expected a YAML file"))
        case S_IFREG: break
        default: return .failure(Refusal("is not a regular file (a pipe or a device?); expected a YAML file"))
        }
        guard Int(info.st_size) <= maxFileBytes else { return .failure(Refusal("is larger than \(maxFileBytes / 1024) KB; a YAML file here is a few KB")) }
        // (An empty file is answered here: Foundation leaks a buffer reading one.)
        guard info.st_size > 0 else { return .failure(Refusal("the file is empty")) }
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(Refusal("cannot read the file")) }
        guard let text = String(data: data, encoding: .utf8) else { return .failure(Refusal("is not UTF-8 text")) }
        return .success(text)
    }

    public struct Refusal: Error, Sendable {
        public let message: String
        init(_ message: String) { self.message = message }
    }
}
