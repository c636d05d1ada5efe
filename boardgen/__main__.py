from boardgen.commands.cli import main

main()
