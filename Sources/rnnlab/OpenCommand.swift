import ArgumentParser

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "(being built)")
    func run() throws { throw ValidationError("'open' is not built yet") }
}
