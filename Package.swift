// swift-tools-version:6.0
import PackageDescription

// Release builds of the numerics are compiled for the machine's vector units (AVX2/FMA on
// x86-64); see DECISIONS.md. Debug builds optimise them portably (-O) so the tests stay fast.
let numericsSettings: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
    // Debug builds optimise the numerics too (plain -O: bounds checks stay, no CPU-specific
    // code): the tests train networks and run gradient checks, which unoptimised Swift runs
    // 10-50x slower. Every other module stays -Onone for debugging.
    .unsafeFlags(["-O"], .when(configuration: .debug)),
    // AVX2 + FMA (Haswell and every later x86-64, AMD Zen included): SIMD4<Double> fused
    // multiply-adds become vfmadd on ymm registers instead of four calls to libm's fma.
    .unsafeFlags(["-target-cpu", "haswell"], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "rnnlab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rnnlab", targets: ["rnnlab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // The C boundary: ncursesw through a shim header (see ../shared/NCURSES.md).
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses", providers: [.apt(["libncurses-dev"])]),
        // Drawing core: cells, buffers, widgets. Pure Swift, no terminal.
        .target(name: "TUI"),
        // The only code that calls ncurses.
        .target(name: "TUICurses", dependencies: ["TUI", "CNcurses"]),
        // Numerics: cells, BPTT, training, tasks, NPY/NPZ, framework layouts.
        .target(
            name: "RNNCore",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: numericsSettings
        ),
        // Keras 3 model files (the plain Sequential / functional style) read without Python:
        // what `model.summary()` prints. Pure Swift, no dependencies (see DECISIONS.md).
        .target(name: "KerasModel"),
        // Lesson files: parsing and validation (lab blocks are read by the Lab's view registry).
        .target(name: "LessonKit", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Checked exercises: the five kinds, per-student variants, the diagnosis of common
        // mistakes, progress. No drawing: the Lab and the command line use it.
        .target(name: "Exercises", dependencies: ["RNNCore", "LessonKit", "KerasModel"]),
        // The application: model, messages, update, key bindings, live views (plug-ins), knobs. No ncurses.
        .target(name: "Lab", dependencies: ["TUI", "RNNCore", "LessonKit", "Exercises"]),
        // The executable: command line and backend choice.
        .executableTarget(
            name: "rnnlab",
            dependencies: [
                "Lab", "TUI", "TUICurses", "RNNCore", "LessonKit", "KerasModel", "Exercises",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by the test targets: snapshots, tolerances, package paths.
        .target(name: "LabTesting", dependencies: ["TUI"]),

        .testTarget(name: "TUITests", dependencies: ["TUI", "LabTesting"], exclude: ["Snapshots"]),
        .testTarget(name: "RNNCoreTests", dependencies: ["RNNCore", "LabTesting"], exclude: ["Fixtures"]),
        .testTarget(name: "LessonKitTests", dependencies: ["LessonKit", "Lab", "LabTesting"]),
        .testTarget(name: "LabTests", dependencies: ["Lab", "TUI", "RNNCore", "LessonKit", "LabTesting", "KerasModel", "Exercises"], exclude: ["Snapshots", "Fixtures"]),
        .testTarget(name: "TUICursesTests", dependencies: ["TUICurses", "TUI"]),
        .testTarget(name: "ExercisesTests", dependencies: ["Exercises", "LessonKit", "RNNCore", "KerasModel", "LabTesting"]),
        .testTarget(name: "KerasModelTests", dependencies: ["KerasModel"], exclude: ["Fixtures"]),
        .testTarget(name: "EndToEndTests", dependencies: ["LabTesting", "RNNCore"]),
    ]
)
