import ArgumentParser

/// The executable: the lab by default, seeded fault exploration, or one of the paper's experiments. Options belong to
/// the subcommands, so `dynamo-lab --seed 3` seeds the lab and `dynamo-lab experiment
/// partitioning --seed 3` seeds the experiment.
struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dynamo-lab",
        abstract: "A whole Amazon Dynamo cluster in your terminal, to poke and watch.",
        discussion: """
            With no subcommand, starts the lab, whose options follow dynamo-lab directly \
            (dynamo-lab --nodes 7): --seed, --nodes, --vnodes, --n, --r and --w shape the \
            cluster, --script FILE runs a lesson headless, --replay FILE plays one on the \
            screen, and --json prints one JSON object per command. See 'dynamo-lab help lab' \
            for the details.
            """,
        subcommands: [DynamoLabCommand.self, ExploreCommand.self, ExperimentCommand.self],
        defaultSubcommand: DynamoLabCommand.self)
}
