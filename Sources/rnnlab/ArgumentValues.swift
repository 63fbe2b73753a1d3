import ArgumentParser
import RNNCore
import TUI

// The value types of the command line, each parsed in this one place: an unknown value is a
// usage error (exit 64) that lists the valid ones, the same way for every command.

extension CellKind: ExpressibleByArgument {}
extension ColorDepth: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension FrameworkLayout: ExpressibleByArgument {}
extension InitializerStyle: ExpressibleByArgument {}

/// A comma-separated list option (`--cells rnn,gru`): every item through `T`'s parser, and an
/// empty list (`--cells ''`) is a usage error rather than a run that does nothing.
func parseList<T>(_ text: String, option: String, valid: [String], parse: (String) -> T?) throws -> [T] {
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    guard items.contains(where: { !$0.isEmpty }) else {
        throw ValidationError("\(option) is empty: give one or more of \(valid.joined(separator: ", ")), separated by commas")
    }
    return try items.filter { !$0.isEmpty }.map { item in
        guard let value = parse(item) else {
            throw ValidationError("unknown '\(item)' in \(option): choose from \(valid.joined(separator: ", "))")
        }
        return value
    }
}
