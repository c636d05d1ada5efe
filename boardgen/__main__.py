from boardgen.cli import main

main()
