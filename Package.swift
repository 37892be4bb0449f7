// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "vmcs-inspect",
    products: [
        .library(name: "VMCSInspect", targets: ["VMCSInspect"]),
        .executable(name: "vmcs-inspect", targets: ["vmcs-inspect"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // All behaviour lives here; beyond the Swift toolchain it needs zlib (gzip inputs) and
        // libkdumpfile (kdump-compressed crash dumps).
        // Render/schemas holds the JSON Schema of each command's output: read by the tests and
        // the man page's readers, not built.
        .target(name: "VMCSInspect", dependencies: ["CZlib", "CKdumpfile"], exclude: ["Render/schemas"]),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libkdumpfile is LGPL-3.0-or-later or GPL-2.0-or-later, linked dynamically.
        .systemLibrary(
            name: "CKdumpfile",
            providers: [.apt(["libkdumpfile-dev"])]
        ),
        // GNU readline (GPL-3.0) is used by the executable only, never by the library: its headers
        // at build time, the library loaded with dlopen when `shell` starts on a terminal.
        .systemLibrary(
            name: "CReadline",
            providers: [.apt(["libreadline-dev"])]
        ),
        .executableTarget(
            name: "vmcs-inspect",
            dependencies: [
                "VMCSInspect",
                "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "VMCSInspectTests",
            dependencies: ["VMCSInspect"],
            exclude: ["Golden"]
        ),
        // Runs the built binary; depending on the executable makes `swift test` build it.
        .testTarget(
            name: "VMCSInspectEndToEndTests",
            dependencies: ["VMCSInspect", "vmcs-inspect"]
        ),
    ]
)
