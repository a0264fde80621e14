"""sdkgen subcommands, one module each (see generator.cli.COMMANDS)."""
