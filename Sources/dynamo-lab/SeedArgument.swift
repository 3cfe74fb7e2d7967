import ArgumentParser

/// How a `--seed` option reads its value: a whole number from 0 to 2^64 - 1. Options taking
/// one parse their value unconditionally, so that `--seed -1` is refused for what it is
/// rather than read as an option with its value missing.
enum SeedArgument {
    /// The seed when none is given.
    static let standard: UInt64 = 1

    static func parse(_ text: String) throws -> UInt64 {
        guard let seed = UInt64(text) else {
            throw ValidationError("the seed must be a non-negative integer, from 0 to \(UInt64.max)")
        }
        return seed
    }

    /// `text` and the default, which the argument parser shows only for options it parses itself.
    static func help(_ text: String) -> ArgumentHelp {
        ArgumentHelp("\(text) (default: \(standard))")
    }
}
