import ArgumentParser

struct GradCheck: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gradcheck", abstract: "(being built)")
    func run() throws { throw ValidationError("'gradcheck' is not built yet") }
}
