import Foundation

/// Paths of the package, found from this file's location so tests run from any folder.
public enum PackagePaths {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // LabTesting, Sources, root
        return url
    }()
    public static var lessons: URL { root.appendingPathComponent("Lessons") }
    public static var assets: URL { root.appendingPathComponent("Assets") }
    /// Where `swift build` puts the debug products (for end-to-end tests).
    public static var debugBinary: URL { root.appendingPathComponent(".build/debug/rnnlab") }
}
