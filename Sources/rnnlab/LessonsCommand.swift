import ArgumentParser

struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lessons", abstract: "(being built)")
    func run() throws { throw ValidationError("'lessons' is not built yet") }
}
