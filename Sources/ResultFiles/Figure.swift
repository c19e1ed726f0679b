import Foundation

/// A figure that may have no value: NaN (or ±∞) in memory, `null` in a result file, and
/// NaN again when read. JSON has no NaN; a metric without a value is written as `null`, which
/// pandas and R read as NA.
@propertyWrapper
public struct Figure<Value: FigureCodable>: Codable, Sendable, Equatable {
    public var wrappedValue: Value
    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }
    public init(from decoder: Decoder) throws { wrappedValue = try Value(figureFrom: decoder) }
    public func encode(to encoder: Encoder) throws { try wrappedValue.encodeFigure(to: encoder) }

    /// NaN equals NaN here: two files that both say "no value" agree.
    public static func == (a: Figure, b: Figure) -> Bool { a.wrappedValue.sameFigures(as: b.wrappedValue) }
}

/// A number, or a list or map of numbers, that `Figure` writes with `null` for NaN.
public protocol FigureCodable: Sendable, Equatable {
    init(figureFrom decoder: Decoder) throws
    func encodeFigure(to encoder: Encoder) throws
    /// Equal, with NaN equal to NaN.
    func sameFigures(as other: Self) -> Bool
}

extension Double: FigureCodable {
    public init(figureFrom decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        self = c.decodeNil() ? .nan : try c.decode(Double.self)
    }
    public func encodeFigure(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if isFinite { try c.encode(self) } else { try c.encodeNil() }
    }
    public func sameFigures(as other: Double) -> Bool { self == other || isNaN && other.isNaN }
}

extension Array: FigureCodable where Element: FigureCodable {
    public init(figureFrom decoder: Decoder) throws {
        self = try decoder.singleValueContainer().decode([Figure<Element>].self).map(\.wrappedValue)
    }
    public func encodeFigure(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(map(Figure.init(wrappedValue:)))
    }
    public func sameFigures(as other: [Element]) -> Bool { count == other.count && zip(self, other).allSatisfy { $0.sameFigures(as: $1) } }
}

extension Dictionary: FigureCodable where Key == String, Value: FigureCodable {
    public init(figureFrom decoder: Decoder) throws {
        self = try decoder.singleValueContainer().decode([String: Figure<Value>].self).mapValues(\.wrappedValue)
    }
    public func encodeFigure(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(mapValues(Figure.init(wrappedValue:)))
    }
    public func sameFigures(as other: [String: Value]) -> Bool {
        Set(keys) == Set(other.keys) && allSatisfy { key, value in other[key].map { value.sameFigures(as: $0) } ?? false }
    }
}

extension Optional: FigureCodable where Wrapped: FigureCodable {
    public init(figureFrom decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        self = c.decodeNil() ? nil : try Wrapped(figureFrom: decoder)
    }
    public func encodeFigure(to encoder: Encoder) throws {
        if let self { try self.encodeFigure(to: encoder) } else { var c = encoder.singleValueContainer(); try c.encodeNil() }
    }
    public func sameFigures(as other: Wrapped?) -> Bool {
        switch (self, other) {
        case (nil, nil): return true
        case let (a?, b?): return a.sameFigures(as: b)
        default: return false
        }
    }
}

/// Writing and reading result files: sorted keys, two-space indent, unescaped slashes; a file
/// that does not read says which file, where in it, and what was expected.
public enum ResultJSON {
    public static func text<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Every non-finite figure is a `Figure` (written as null); anything else is a bug.
        guard let data = try? encoder.encode(value) else { preconditionFailure("a result file with a non-finite figure outside Figure") }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// One line (the calibration's resume cache).
    public static func line<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { preconditionFailure("a result line with a non-finite number") }
        return String(decoding: data, as: UTF8.self)
    }

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// `T` from the file at `path`; `expected` names what a field should hold, by its path
    /// (`replications`), for the message when it does not.
    public static func read<T: Decodable>(_ type: T.Type, _ path: String, expected: [String: String] = [:]) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(description: "\(path): cannot read the file") }
        return try decode(type, data, path, expected: expected)
    }

    public static func decode<T: Decodable>(_ type: T.Type, _ data: Data, _ path: String, expected: [String: String] = [:]) throws -> T {
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) is NSDictionary else {
            throw Problem(description: "\(path): expected a JSON object (a ketensim output)")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            let (where_, what) = describe(error)
            let field = where_.isEmpty ? "" : where_ + ": "
            throw Problem(description: "\(path): \(field)expected " + (expected[where_] ?? "\(what) (a file written by another version, or damaged: run it again)"))
        }
    }

    /// Where a decoding error lies (`scenarios[0].horizon.start`) and what was wanted there.
    static func describe(_ error: DecodingError) -> (String, String) {
        func path(_ keys: [CodingKey]) -> String {
            keys.reduce("") { p, k in k.intValue.map { "\(p)[\($0)]" } ?? (p.isEmpty ? k.stringValue : "\(p).\(k.stringValue)") }
        }
        switch error {
        case .keyNotFound(let key, let c): return (path(c.codingPath + [key]), "a value")
        case .valueNotFound(let type, let c): return (path(c.codingPath), "a value of type \(type)")
        case .typeMismatch(let type, let c): return (path(c.codingPath), "a value of type \(type)")
        case .dataCorrupted(let c) where c.codingPath.isEmpty:
            // The text is JSON (checked first): Foundation says this of a number that does not
            // fit its field's type, and does not say which.
            return ("", "whole numbers where the file has them (one is out of range or has a fraction)")
        case .dataCorrupted(let c): return (path(c.codingPath), c.debugDescription)
        @unknown default: return ("", "a ketensim result file")
        }
    }
}
