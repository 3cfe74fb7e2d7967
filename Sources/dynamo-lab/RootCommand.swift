import ArgumentParser

/// The executable: the lab by default, seeded fault exploration, or one of the paper's experiments. Options belong to
/// the subcommands, so `dynamo-lab --seed 3` seeds the lab and `dynamo-lab experiment
/// partitioning --seed 3` seeds the experiment.
struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dynamo-lab",
        abstract: "A whole Amazon Dynamo cluster in your terminal, to poke and watch.",
        subcommands: [DynamoLabCommand.self, ExploreCommand.self, ExperimentCommand.self],
        defaultSubcommand: DynamoLabCommand.self)
}
